/**
 * AWS's own limits on what zap.json becomes, checked before the first call so a deploy never
 * stops half-way (log group made, function refused). Each rule cites the AWS page it comes from.
 */
import { isPlainObject } from './plain-object';
import { zapVariables } from '../contracts/function-env';
import { OWNERSHIP_TAG_KEYS } from '../contracts/names';
import { configuredVariables } from '../contracts/secrets';

/** Tags zap adds to everything it makes. */
export const ZAP_TAG_KEYS: readonly string[] = OWNERSHIP_TAG_KEYS;
/** Variables zap's handler reads, set beside the user's own; raw settings, so defaults apply here. */
function zapEnvironment(s: Record<string, unknown>): Record<string, string> {
  const warmupPath = typeof s.compile_cache_warmup_path === 'string' ? s.compile_cache_warmup_path : undefined;
  return zapVariables({ prime: s.keep_warm_prime !== false, compileCache: s.compile_cache !== false, warmupPath, streaming: s.streaming === true });
}

// https://docs.aws.amazon.com/lambda/latest/dg/configuration-tags.html (50 tags per function; the
// same 50 for IAM roles, EventBridge rules, log groups and HTTP APIs), and the tag pattern of
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html
const MAX_TAGS = 50;
const TAG_KEY_MAX = 128;
const TAG_VALUE_MAX = 256;
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
// https://docs.aws.amazon.com/lambda/latest/api/API_Environment.html (key pattern) and
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html (4 KB for the whole set)
const ENV_KEY = /^[a-zA-Z][a-zA-Z0-9_]+$/;
const ENV_MAX_BYTES = 4096;
// https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html#lambda-CreateFunction-request-FunctionName
const FUNCTION_NAME_MAX = 64;
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html (RoleName 1..64, [\w+=,.@-]+)
const ROLE_ARN_NAME = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]{1,64})$/;

const show = (v: unknown) => JSON.stringify(v) ?? String(v);
const where = (stage: string, key: string) => `zap.json: stage '${stage}', key '${key}'`;
const chars = (s: string) => [...s].length;

/** Problems with what this stage itself writes: each tag and each variable name, where it is written. */
export function ownAwsProblems(stage: string, raw: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (isPlainObject(raw.tags)) {
    for (const [key, value] of Object.entries(raw.tags)) problems.push(...tagProblems(stage, key, value));
  }
  if (isPlainObject(raw.environment_variables)) {
    for (const name of Object.keys(raw.environment_variables)) {
      if (!ENV_KEY.test(name)) {
        problems.push(`${where(stage, `environment_variables.${name}`)}: got the name ${show(name)}, expected 2 or more characters, a letter first, then letters, digits or "_" (Lambda's pattern [a-zA-Z][a-zA-Z0-9_]+)`);
      }
    }
  }
  if (typeof raw.role_arn === 'string' && /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(raw.role_arn) && !ROLE_ARN_NAME.test(raw.role_arn)) {
    problems.push(`${where(stage, 'role_arn')}: got ${show(raw.role_arn)}, expected a role name of 1..64 letters, digits or + = , . @ _ - after "role/" (IAM's RoleName)`);
  }
  return problems;
}

function tagProblems(stage: string, key: string, value: unknown): string[] {
  const at = where(stage, `tags.${key}`);
  const out: string[] = [];
  if (chars(key) < 1 || chars(key) > TAG_KEY_MAX) out.push(`${at}: the key has ${chars(key)} characters, expected 1..${TAG_KEY_MAX} (AWS tag keys)`);
  if (!TAG_CHARS.test(key)) out.push(`${at}: the key ${show(key)} has ${badChars(key)}, expected letters, digits, spaces and _ . : / = + - @ only (AWS tag keys)`);
  if (/^aws:/i.test(key)) out.push(`${at}: the "aws:" prefix is reserved by AWS; choose another key`);
  if (ZAP_TAG_KEYS.includes(key)) out.push(`${at}: zap sets this tag itself to mark what it made; choose another key`);
  if (typeof value !== 'string') return out;
  if (chars(value) > TAG_VALUE_MAX) out.push(`${at}: the value has ${chars(value)} characters, expected at most ${TAG_VALUE_MAX} (AWS tag values)`);
  if (!TAG_CHARS.test(value)) out.push(`${at}: got ${show(value)}, which has ${badChars(value)}; expected letters, digits, spaces and _ . : / = + - @ only (AWS tag values)`);
  return out;
}

function badChars(s: string): string {
  const bad = [...new Set([...s].filter((c) => !TAG_CHARS.test(c)))];
  return `${bad.map((c) => show(c)).join(' ')} (not allowed)`;
}

/** Problems only the whole stage shows, after `extends` merged its maps: counts, sizes and the names zap makes. */
export function resolvedAwsProblems(stage: string, settings: Record<string, unknown>, projectName: string | undefined): string[] {
  const problems: string[] = [];
  const tags = isPlainObject(settings.tags) ? Object.keys(settings.tags).filter((k) => !ZAP_TAG_KEYS.includes(k)) : [];
  if (tags.length + ZAP_TAG_KEYS.length > MAX_TAGS) {
    problems.push(`${where(stage, 'tags')}: got ${tags.length} tags, expected at most ${MAX_TAGS - ZAP_TAG_KEYS.length}: AWS allows ${MAX_TAGS} per resource and zap adds ${ZAP_TAG_KEYS.join(' and ')}`);
  }
  if (isPlainObject(settings.environment_variables)) {
    const zap = zapEnvironment(settings);
    // Counted as sent: secret references travel as one JSON list (contracts/secrets.ts).
    const vars = settings.environment_variables as Record<string, unknown>;
    const sent = Object.values(vars).every((v) => typeof v === 'string') ? configuredVariables(vars as Record<string, string>) : vars;
    const size = environmentBytes({ ...sent, ...zap });
    if (size > ENV_MAX_BYTES) {
      problems.push(`${where(stage, 'environment_variables')}: the variables take ${size} bytes as Lambda counts them (with zap's own ${Object.keys(zap).join(' and ')}), expected at most ${ENV_MAX_BYTES} (4 KB); keep large values in SSM Parameter Store or S3 and read them at start-up`);
    }
  }
  const project = typeof settings.project_name === 'string' ? settings.project_name : projectName;
  if (project !== undefined) problems.push(...nameProblems(stage, project, typeof settings.project_name === 'string'));
  return problems;
}

/**
 * Lambda counts the set as the JSON object it is sent as, in UTF-8 bytes ({"KEY":"value",...}).
 * Summed by hand so that escapes (\", \n, \u0001) count as the bytes they are sent as.
 */
export function environmentBytes(vars: Record<string, unknown>): number {
  const entries = Object.entries(vars).map(([k, v]) => jsonStringBytes(k) + 1 + jsonStringBytes(String(v)));
  return 2 + entries.reduce((a, b) => a + b, 0) + Math.max(0, entries.length - 1);
}

function jsonStringBytes(s: string): number {
  let n = 2;
  for (const c of s) {
    const code = c.codePointAt(0)!;
    if (c === '"' || c === '\\' || c === '\b' || c === '\f' || c === '\n' || c === '\r' || c === '\t') n += 2;
    else if (code < 0x20) n += 6;
    else n += Buffer.byteLength(c, 'utf8');
  }
  return n;
}

/**
 * The function is named `<project>-<stage>` and nothing may shorten it, or two stages would share one
 * function. The role and rule names add a suffix that namesFor() cuts at 64 (IAM's and EventBridge's
 * limit), and the log group /aws/lambda/<function> stays far below CloudWatch Logs' 512.
 */
function nameProblems(stage: string, project: string, written: boolean): string[] {
  const fn = `${project}-${stage}`;
  if (fn.length <= FUNCTION_NAME_MAX) return [];
  const key = written ? 'project_name' : 'project_name (from package.json)';
  return [`${where(stage, key)}: the function name ${show(fn)} (<project_name>-<stage>) has ${fn.length} characters, expected at most ${FUNCTION_NAME_MAX} (Lambda's limit); set a shorter project_name or stage name`];
}
