/**
 * Scheduled tasks (zap.json `events`) go into a bundle of their own at the artifact's root
 * (contracts/task.ts TASKS_BUNDLE), built by the same esbuild pass as the app (externals,
 * each module's own __dirname), so a task shares the app's code but a task run never loads the
 * HTTP app unless the task's module imports it. Each task module loads lazily (import()), so a run
 * evaluates only its own module graph.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../core/errors';
import type { StageSettings } from '../settings/types';
import { taskName } from '../settings/events';
import { splitSecrets } from '../contracts/secrets';
import { TASKS_BUNDLE } from '../contracts/task';
import { nodeBinaryFor } from '../util/node-binary';
import { EXTENSIONS, parseAppRef } from './app-ref';
import { bundleApp } from './bundle';
import { dirnamePlugin } from './dirname-plugin';
import { metafileFiles } from './cache-inputs';

export interface TaskModule {
  name: string;
  /** Project-relative file, as found on disk. */
  file: string;
  exportName: string;
  /** Index in zap.json's `events`, for messages. */
  index: number;
}

export interface TasksBundle {
  path: string;
  code: Buffer;
  tasks: TaskModule[];
  /** Files esbuild read for it, for the packaging cache. */
  inputs: string[];
}

const where = (stage: string, i: number) => `zap.json: stage '${stage}', key 'events[${i}].function'`;

/** Each task's module on disk, trying the extensions esbuild would. */
export function findTaskModules(projectDir: string, settings: StageSettings): TaskModule[] {
  return (settings.events ?? []).map((t, index) => {
    const ref = parseAppRef(t.function);
    const ext = ref.file.startsWith('..') || ref.file.startsWith('/') ? undefined : EXTENSIONS.find((e) => existsSync(join(projectDir, ref.file + e)) && statSync(join(projectDir, ref.file + e)).isFile());
    if (ext === undefined) throw new UserError(`${where(settings.stage, index)}: no file "${ref.file}" in ${projectDir}; point it at a module of the project, e.g. "src/jobs.js#cleanup"`, 2);
    return { name: taskName(t), file: ref.file + ext, exportName: ref.exportName, index };
  });
}

export function tasksEntrySource(tasks: TaskModule[]): string {
  const rows = tasks.map((t) => `  ${JSON.stringify(t.name)}: () => import(${JSON.stringify('./' + t.file)}).then((m) => m[${JSON.stringify(t.exportName)}]),`);
  return ['export const tasks = {', ...rows, '};', ''].join('\n');
}

/** The tasks bundle, or undefined when zap.json has no `events`. */
export async function bundleTasks(projectDir: string, settings: StageSettings, external: string[]): Promise<TasksBundle | undefined> {
  const tasks = findTaskModules(projectDir, settings);
  if (tasks.length === 0) return undefined;
  const input = { projectDir, settings, entry: tasksEntrySource(tasks), bundle: TASKS_BUNDLE, external, plugins: [dirnamePlugin({ projectDir, bundle: TASKS_BUNDLE })] };
  const built = await bundleApp(input);
  return { path: built.format === 'esm' ? TASKS_BUNDLE.replace(/\.cjs$/, '.mjs') : TASKS_BUNDLE, code: built.code, tasks, inputs: metafileFiles(projectDir, built.metafile) };
}

const CHECK = `
const [file] = process.argv.slice(-1);
(async () => {
  const mod = file.endsWith('.mjs') ? await import(require('url').pathToFileURL(file).href) : require(file);
  const out = {};
  for (const [name, load] of Object.entries(mod.tasks)) {
    try { out[name] = typeof (await load()); } catch (e) { out[name] = 'threw: ' + (e && e.message || e); }
  }
  process.stdout.write('\\u0000zap-tasks:' + JSON.stringify(out) + '\\n', () => process.exit(0));
})().catch((e) => { process.stdout.write('\\u0000zap-tasks:' + JSON.stringify({ '': 'threw: ' + (e && e.message || e) }) + '\\n', () => process.exit(0)); });
`;

/**
 * Loads the tasks bundle once in the function's Node, in a folder of its own inside the project (so
 * externals resolve), and looks: a task whose export is not a function stops packaging; a module
 * that throws while loading (it may need its Lambda environment) is only a warning.
 */
export async function checkTasks(projectDir: string, settings: StageSettings, bundle: TasksBundle): Promise<string[]> {
  let node: string;
  try {
    node = nodeBinaryFor(settings.runtime);
  } catch (err) {
    return [`skipped the task check: ${(err as Error).message}`];
  }
  const parent = join(projectDir, '.zap', settings.stage);
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'task-check-'));
  try {
    const file = join(dir, bundle.path);
    writeFileSync(file, bundle.code);
    const kinds = await runCheck(node, dir, file, splitSecrets(settings.environment_variables).plain);
    const warnings: string[] = [];
    for (const t of bundle.tasks) {
      const kind = kinds?.[t.name] ?? kinds?.[''];
      if (kind === 'function') continue;
      if (kind === undefined || kind.startsWith('threw: ')) {
        warnings.push(`task ${t.name}: ${t.file} threw while loading at package time (it may need its Lambda environment): ${kind?.slice(7) ?? 'no answer'}`);
        continue;
      }
      throw new UserError(`${where(settings.stage, t.index)}: ${t.file} exports no function "${t.exportName}" (got ${kind}); export the task's function under that name`, 2);
    }
    return warnings;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runCheck(node: string, cwd: string, file: string, env: Record<string, string>): Promise<Record<string, string> | undefined> {
  return new Promise((resolve) => {
    const proc = spawn(node, ['-e', CHECK, file], { cwd, env: { ...process.env, ...env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
    proc.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    proc.on('close', () => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('\u0000zap-tasks:'));
      resolve(line ? (JSON.parse(line.slice('\u0000zap-tasks:'.length)) as Record<string, string>) : undefined);
    });
  });
}
