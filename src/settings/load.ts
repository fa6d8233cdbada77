import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { SettingsError, UserError } from '../core/errors';
import { didYouMean } from './did-you-mean';
import { resolveExtends, withDefaults } from './resolve';
import type { StageSettings } from './types';
import { isPlainObject } from './plain-object';
import { validateSettingsFile } from './validate';

export const SETTINGS_FILE = 'zap.json';

/** Reads zap.json and returns one stage, resolved and validated, or throws every problem at once. */
export async function loadStage(projectDir: string, stage: string): Promise<StageSettings> {
  const file = await readSettingsFile(projectDir);
  const problems = validateSettingsFile(file, await defaultProjectName(projectDir));
  if (problems.length || !isPlainObject(file)) throw new SettingsError(problems);
  const stages = Object.keys(file).filter((k) => k !== '$schema');
  if (!stages.includes(stage)) {
    const hint = didYouMean(stage, stages);
    throw new SettingsError([`zap.json has no stage '${stage}'${hint ? `; did you mean '${hint}'?` : ''} (stages: ${stages.join(', ')})`]);
  }
  const { settings, problems: chainProblems } = resolveExtends(file, stage);
  if (chainProblems.length) throw new SettingsError(chainProblems);
  if (typeof settings.app !== 'string') {
    throw new SettingsError([`zap.json: stage '${stage}', key 'app': missing; set it to the module that exports your Express app, e.g. "src/app.ts#app" (\`zap init\` finds it)`]);
  }
  const project_name = (settings.project_name as string | undefined) ?? (await defaultProjectName(projectDir));
  return withDefaults({ ...(settings as Partial<StageSettings>), stage, project_name, app: settings.app });
}

/** The stage names in zap.json, in file order. */
export async function listStages(projectDir: string): Promise<string[]> {
  const file = await readSettingsFile(projectDir);
  const stages = isPlainObject(file) ? Object.keys(file).filter((k) => k !== '$schema') : [];
  // A file with no stage ({}, [], "…") gets the validator's one line instead of an empty list.
  if (!stages.length) throw new SettingsError(validateSettingsFile(file));
  return stages;
}

async function readSettingsFile(projectDir: string): Promise<unknown> {
  const path = join(projectDir, SETTINGS_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UserError(`no ${SETTINGS_FILE} in ${projectDir}; run \`zap init\` there to create one`, 2);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new SettingsError([`${SETTINGS_FILE}: not valid JSON (${(err as Error).message}); fix the syntax at that position`]);
  }
}

/** package.json's name without its scope, made safe for AWS names; else the folder's name. */
async function defaultProjectName(projectDir: string): Promise<string> {
  let name = basename(projectDir);
  try {
    const pkg = JSON.parse(await readFile(join(projectDir, 'package.json'), 'utf8')) as { name?: string };
    if (pkg.name) name = pkg.name;
  } catch {}
  return name.replace(/^@[^/]+\//, '').replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 50) || 'app';
}
