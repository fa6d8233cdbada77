/**
 * What `npm start` gives the app through node's own flags, which Lambda never passes: variables from
 * `node --env-file=.env server.js` (or `-r dotenv/config`), and modules preloaded with `-r`/`--require`/
 * `--import` (a tracing setup, a polyfill). On Lambda the function runs the app's module alone, with
 * the stage's environment_variables: a variable read only while serving is silently undefined there.
 * zap names the variables the stage lacks and the preloads that will not run.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { fileText } from './file-text';
import { isCompileHook } from './compile-hooks';

/** Preloads whose work the bundle already does: compilers and loaders of source (`-r esm`, `--import tsx`), module-alias, source maps. */
const COVERED = /^(tsx(\/(cjs|esm))?|ts-node\/esm|@swc-node\/register\/esm|module-alias\/register|source-map-support\/register)$/;

export interface StartFlags {
  envFiles: string[];
  preloads: string[];
}

/** The flags in package.json's `start` script (`node --env-file=.env -r ./tracing.js server.js`). */
export function startFlags(start: string): StartFlags {
  const flags: StartFlags = { envFiles: [], preloads: [] };
  for (const [, flag, value] of start.matchAll(/(?:^|\s)(--env-file(?:-if-exists)?|-r|--require|--import)(?:=|\s+)("[^"]+"|'[^']+'|\S+)/g)) {
    const v = value!.replace(/^["']|["']$/g, '');
    if (flag!.startsWith('--env-file')) flags.envFiles.push(v);
    else if (v === 'dotenv/config') flags.envFiles.push(process.env.DOTENV_CONFIG_PATH ?? '.env');
    else if (!isCompileHook(v) && !COVERED.test(v)) flags.preloads.push(v);
  }
  return flags;
}

function readStart(projectDir: string): string | undefined {
  try {
    return (JSON.parse(fileText(join(projectDir, 'package.json'))) as { scripts?: { start?: unknown } }).scripts?.start as string | undefined;
  } catch {
    return undefined;
  }
}

/** The warnings, and the env files read for them (the packaging cache watches them). */
export function startFlagWarnings(projectDir: string, settings: { stage: string; environment_variables: Record<string, string> }): { warnings: string[]; read: string[] } {
  const start = readStart(projectDir);
  if (typeof start !== 'string') return { warnings: [], read: [] };
  const { envFiles, preloads } = startFlags(start);
  const warnings: string[] = [];
  const read: string[] = [];
  for (const file of envFiles) {
    const path = join(projectDir, file);
    if (!existsSync(path)) continue;
    read.push(path);
    const lacking = Object.keys(parseEnv(fileText(path))).filter((k) => !(k in settings.environment_variables));
    if (!lacking.length) continue;
    warnings.push(
      `npm start loads ${file} into the environment; on Lambda the function gets only the stage's "environment_variables", and stage '${settings.stage}' does not set ${lacking.join(', ')}: ` +
        `add ${lacking.length > 1 ? 'them' : 'it'} there (a value "ssm:/<parameter>" or "secretsmanager:<name>" keeps a secret out of the function's configuration)`,
    );
  }
  if (preloads.length) {
    warnings.push(
      `npm start preloads ${preloads.join(', ')} (node -r/--import), which Lambda does not run: require ${preloads.length > 1 ? 'them' : 'it'} at the top of the app's module if the app needs ${preloads.length > 1 ? 'them' : 'it'}`,
    );
  }
  return { warnings, read };
}
