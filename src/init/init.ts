import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../core/errors';
import { packageRoot } from '../util/package-root';
import { SETTINGS_FILE } from '../settings';
import { CANDIDATE_FILES, appSetting, inspectSource, type AppCandidate } from './detect';

export interface InitResult {
  file: string;
  app: string;
  settings: Record<string, unknown>;
}

/** Finds the app in projectDir and writes zap.json with dev and prod stages; never overwrites. */
export async function init(projectDir: string, opts: { app?: string; region?: string; packageName: string }): Promise<InitResult> {
  const target = join(projectDir, SETTINGS_FILE);
  if (existsSync(target)) throw new UserError(`${SETTINGS_FILE} already exists in ${projectDir}; zap init never overwrites it. Edit it, or delete it and run zap init again`);
  const app = opts.app ?? appSetting(await findApp(projectDir));
  const template = JSON.parse(await readFile(join(templatesDir(), 'zap.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  template.$schema = `./node_modules/${opts.packageName}/zap.schema.json` as never;
  template.dev!.app = app;
  template.dev!.aws_region = opts.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  await writeFile(target, JSON.stringify(template, null, 2) + '\n', { flag: 'wx' });
  return { file: target, app, settings: template };
}

async function findApp(projectDir: string): Promise<AppCandidate> {
  const found: AppCandidate[] = [];
  for (const file of CANDIDATE_FILES) {
    const path = join(projectDir, file);
    if (existsSync(path)) found.push(inspectSource(file, await readFile(path, 'utf8')));
  }
  const usable = found.find((c) => c.createsApp && c.exportName && !c.listens) ?? found.find((c) => c.exportName && !c.listens && !c.createsApp && /app\./.test(c.file));
  if (usable) return usable;
  const listening = found.find((c) => c.createsApp && c.listens);
  if (listening) throw new UserError(listenAdvice(listening), 1);
  throw new UserError(
    `no Express app found (looked in ${CANDIDATE_FILES.slice(0, 8).join(', ')}, …). ` +
      'Export the app from a module without calling listen(), then run `zap init --app <file>#<export>`',
  );
}

function listenAdvice(c: AppCandidate): string {
  const esm = /\.(ts|mjs)$/.test(c.file);
  return [
    `${c.file} creates the app and calls listen() when imported; Lambda must import the app without starting a server. Change it like this:`,
    `  1. in ${c.file}: remove the app.listen(...) call and add ${esm ? '`export const app = ...` (or `export default app`)' : '`module.exports = app`'}`,
    `  2. put the listen() call in a new file for running locally, e.g. server${esm ? '.ts' : '.js'}: ${esm ? `import { app } from './${c.file.replace(/^.*\//, '').replace(/\.ts$/, '.js')}'; app.listen(3000)` : `require('./${c.file.replace(/^.*\//, '')}').listen(3000)`}`,
    `     (or keep it in ${c.file} behind \`if (require.main === module)\`)`,
    `  3. run zap init again`,
  ].join('\n');
}

function templatesDir(): string {
  return join(packageRoot(), 'templates');
}
