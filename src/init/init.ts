import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../core/errors';
import { packageRoot } from '../util/package-root';
import { SETTINGS_FILE } from '../settings';
import { appSetting } from './detect';
import { findApp, type FoundApp } from './find-app';
import { regionFromChain, type FoundRegion } from '../aws/region';

export interface InitResult {
  file: string;
  app: string;
  /** What zap found, when it looked (not with --app): the entry, why that file, how the app is obtained. */
  found?: FoundApp;
  settings: Record<string, unknown>;
  /** The region written and where it came from (`--region`, AWS_REGION, a profile); absent when none was found and none written. */
  region?: FoundRegion;
}

/** Finds the app in projectDir and writes zap.json with dev and prod stages; never overwrites. */
export async function init(projectDir: string, opts: { app?: string; region?: string; profile?: string; packageName: string }): Promise<InitResult> {
  const target = join(projectDir, SETTINGS_FILE);
  if (existsSync(target)) throw new UserError(`${SETTINGS_FILE} already exists in ${projectDir}; zap init never overwrites it. Edit it, or delete it and run zap init again`);
  const found = opts.app ? undefined : await findApp(projectDir);
  const app = opts.app ?? appSetting(found!.candidate);
  const template = JSON.parse(await readFile(join(templatesDir(), 'zap.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  template.$schema = `./node_modules/${opts.packageName}/zap.schema.json` as never;
  template.dev!.app = app;
  // The SDK's chain, as deploy resolves it; with none, no region is written (never a guess such as us-east-1).
  const region = opts.region ? { region: opts.region, source: '--region' } : await regionFromChain(opts.profile);
  if (region) template.dev!.aws_region = region.region;
  else delete template.dev!.aws_region;
  await writeFile(target, JSON.stringify(template, null, 2) + '\n', { flag: 'wx' });
  return { file: target, app, settings: template, ...(found ? { found } : {}), ...(region ? { region } : {}) };
}

function templatesDir(): string {
  return join(packageRoot(), 'templates');
}
