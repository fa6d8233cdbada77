/**
 * The one definition of zap.json: the validator, the defaults and the editor JSON Schema
 * (zap.schema.json, written at build time) all come from this table.
 */
import { NETWORK_KEYS } from './network-keys';

export interface KeyDefinition {
  description: string;
  /** JSON Schema of the value. */
  schema: Record<string, unknown>;
  /** What a person should write, used in error messages. */
  expected: string;
}

// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

import { PRICES_KEY } from './prices';

const stringMap = { type: 'object', additionalProperties: { type: 'string' } } as const;

/** Typed `as const` so that StageSettings (types.ts) is derived from it; KEYS is the same table, looked up by any string. */
export const KEY_TABLE = {
  extends: { description: 'Another stage whose settings this one inherits.', schema: { type: 'string' }, expected: 'the name of another stage in zap.json' },
  project_name: {
    description: 'Resources are named <project_name>-<stage>. Default: the name in package.json.',
    schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,50}$' },
    expected: 'letters, digits, "-" and "_", at most 50 characters',
  },
  app: {
    description:
      'The app\'s entry as its author wrote it, with an optional #export (default when omitted), e.g. "src/app.ts#app" or "server.js". ' +
      'The export may be the app, a promise of it, or an async function of no arguments that returns it; top-level await is awaited; ' +
      'a listen() (guarded or not, at once or after an async start) binds no port on Lambda and its request handler serves the function.',
    schema: { type: 'string', pattern: '^[^#]+(#[A-Za-z_$][A-Za-z0-9_$]*)?$' },
    expected: 'a module path with an optional #export, e.g. "src/app.ts#app"',
  },
  aws_region: { description: 'AWS region, e.g. eu-west-1. Default: AWS_REGION or the profile.', schema: { type: 'string', pattern: '^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d$' }, expected: 'a region name such as "eu-west-1"' },
  runtime: { description: 'Lambda runtime.', schema: { enum: ['nodejs22.x', 'nodejs24.x'] }, expected: '"nodejs22.x" or "nodejs24.x" (nodejs20.x and older can no longer be created)' },
  architecture: { description: 'Instruction set of the function.', schema: { enum: ['arm64', 'x86_64'] }, expected: '"arm64" or "x86_64"' },
  memory_size: { description: 'Memory in MB (CPU scales with it).', schema: { type: 'integer', minimum: 128, maximum: 10240 }, expected: 'a whole number of MB from 128 to 10240' },
  timeout_seconds: { description: 'Function timeout.', schema: { type: 'integer', minimum: 1, maximum: 900 }, expected: 'a whole number of seconds from 1 to 900' },
  keep_warm: {
    description: 'Containers to hold warm: false, true (= 1) or 1..100. Beyond 100, use provisioned concurrency.',
    schema: { anyOf: [{ type: 'boolean' }, { type: 'integer', minimum: 1, maximum: 100 }] },
    expected: 'false, true or a whole number 1..100',
  },
  keep_warm_expression: { description: 'EventBridge schedule of the keep-warm ping.', schema: { type: 'string' }, expected: 'an EventBridge schedule such as "rate(5 minutes)" or "cron(0/5 * * * ? *)"' },
  keep_warm_prime: { description: 'Boot the app in containers held warm, so their next request skips app start-up.', schema: { type: 'boolean' }, expected: 'true or false' },
  environment_variables: {
    description: 'Environment variables of the function.',
    schema: { ...stringMap, propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_]+$' } },
    expected: 'an object of string values with names made of letters, digits and "_"',
  },
  include: { description: 'Globs of files the app reads at run time (views, static files), packaged at the same paths.', schema: { type: 'array', items: { type: 'string' } }, expected: 'a list of glob strings, e.g. ["views/**", "public/**"]' },
  exclude: { description: 'Globs of files never shipped, even when tracing, the boot check or include would ship them.', schema: { type: 'array', items: { type: 'string' } }, expected: 'a list of glob strings, e.g. ["data/private/**"]' },
  external: { description: 'Packages kept out of the bundle and copied from node_modules (native addons, computed requires).', schema: { type: 'array', items: { type: 'string' } }, expected: 'a list of package names' },
  bundle_aws_sdk: { description: "Bundle @aws-sdk/* instead of using the runtime's copy.", schema: { type: 'boolean' }, expected: 'true or false' },
  bundle_view_engines: { description: "Bundle the view engine Express loads by name (ejs, pug, hbs…) with the app, so the compile cache covers it; false ships it unbundled from node_modules.", schema: { type: 'boolean' }, expected: 'true or false' },
  json_parse: { description: 'Bundle JSON files of 10 kB or more as JSON.parse of their text, as Node\'s require() loads them, rather than as object literals: V8 loads them faster. false keeps object literals.', schema: { type: 'boolean' }, expected: 'true or false' },
  compile_cache: { description: 'Ship a V8 compile cache with the artifact for faster cold starts.', schema: { type: 'boolean' }, expected: 'true or false' },
  compile_cache_warmup_path: {
    description:
      'A path requested once through the app (GET) while the compile cache is made, so that what that route compiles is cached too, e.g. "/health". ' +
      'Default: none; the cache holds what booting the app compiled and no request goes through the app.',
    schema: { type: 'string', pattern: '^/[\\x21-\\x7e]{0,1023}$' },
    expected: 'a path starting with "/", without spaces, e.g. "/health"',
  },
  role_arn: { description: 'An existing IAM role for the function; zap makes one when absent.', schema: { type: 'string', pattern: '^arn:aws[a-z-]*:iam::\\d{12}:role/.+$' }, expected: 'a role ARN such as "arn:aws:iam::123456789012:role/my-role"' },
  num_retained_versions: { description: 'Published versions kept for rollback.', schema: { type: 'integer', minimum: 1, maximum: 50 }, expected: 'a whole number from 1 to 50' },
  http: {
    description: 'How HTTP reaches the function: a Function URL on alias live, an API Gateway HTTP API onto alias live, or none.',
    schema: { enum: ['function_url', 'api_gateway', 'none'] },
    expected: '"function_url", "api_gateway" or "none"',
  },
  streaming: {
    description:
      'Stream responses: the Function URL answers in invoke mode RESPONSE_STREAM and each chunk the app writes (res.write, piped files, server-sent events) leaves as it is written. ' +
      'Needs http "function_url" (API Gateway HTTP APIs do not stream).',
    schema: { type: 'boolean' },
    expected: 'true or false',
  },
  tags: { description: 'Extra tags on everything zap makes.', schema: stringMap, expected: 'an object of string values' },
  events: {
    description:
      'Scheduled tasks, as Zappa spells them: each runs an exported function of the app\'s code on an EventBridge schedule, on alias live, e.g. ' +
      '[{"function": "src/jobs.js#cleanup", "expression": "rate(1 hour)"}]. The task\'s name is the export\'s, or "name".',
    schema: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          function: { type: 'string', pattern: '^[^#]+#[A-Za-z_$][A-Za-z0-9_$]*$' },
          expression: { type: 'string' },
          name: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,40}$' },
        },
        required: ['function', 'expression'],
        additionalProperties: false,
      },
    },
    expected: 'a list of {"function": "<module>#<export>", "expression": "rate(...) or cron(...)", "name"?: "<letters, digits, - or _>"}',
  },
  log_retention_days: { description: 'Retention of the function log group.', schema: { enum: LOG_RETENTION_DAYS }, expected: `one of ${LOG_RETENTION_DAYS.join(', ')}` },
  prices: PRICES_KEY,
  ...NETWORK_KEYS,
} as const satisfies Record<string, KeyDefinition>;

export const KEYS: Record<string, KeyDefinition> = KEY_TABLE;

export const DEFAULTS = {
  runtime: 'nodejs24.x',
  architecture: 'arm64',
  memory_size: 512,
  timeout_seconds: 30,
  keep_warm: 1,
  keep_warm_expression: 'rate(5 minutes)',
  keep_warm_prime: true,
  environment_variables: {},
  include: [],
  exclude: [],
  external: [],
  bundle_aws_sdk: false,
  bundle_view_engines: true,
  json_parse: true,
  compile_cache: true,
  num_retained_versions: 5,
  http: 'function_url',
  streaming: false,
  tags: {},
} as const;

export const STAGE_NAME = '^[A-Za-z0-9_-]{1,30}$';

export function stageSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [key, def] of Object.entries(KEYS)) {
    const dflt = (DEFAULTS as Record<string, unknown>)[key];
    properties[key] = { description: def.description, ...def.schema, ...(dflt === undefined ? {} : { default: dflt }) };
  }
  return { type: 'object', properties, additionalProperties: false };
}

/** The JSON Schema editors use for zap.json. */
export function editorSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'zap.json',
    description: 'zap settings: one object per stage.',
    type: 'object',
    properties: { $schema: { type: 'string' } },
    patternProperties: { [STAGE_NAME]: stageSchema() },
    additionalProperties: false,
  };
}
