import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ZAP_BIN } from '../helpers/cli';

/**
 * Runs the CLI with a preload that reports, at exit, every file it loaded (ESM or CommonJS) and,
 * for the CLI's bundled chunks, the source files their source maps say they hold.
 */
function loadedModules(args: string[], settings?: object): { status: number | null; stdout: string; loaded: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'zap-help-'));
  if (settings) writeFileSync(join(dir, 'zap.json'), JSON.stringify(settings));
  const report = join(dir, 'loaded.json');
  const hook = join(dir, 'hook.cjs');
  writeFileSync(
    hook,
    `const files = [];
require('node:module').registerHooks({ load(url, context, next) { if (url.startsWith('file:')) files.push(require('node:url').fileURLToPath(url)); return next(url, context); } });
process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify([...files, ...Object.keys(require.cache)])));\n`,
  );
  const res = spawnSync(process.execPath, ['--require', hook, ZAP_BIN, ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, AWS_ENDPOINT_URL: 'http://127.0.0.1:9' }, timeout: 30_000 });
  const files: string[] = JSON.parse(readFileSync(report, 'utf8'));
  return { status: res.status, stdout: res.stdout, loaded: [...files, ...files.flatMap(bundledSources)] };
}

/** The sources a bundled file holds, from its source map (none for a file without one). */
function bundledSources(file: string): string[] {
  if (!existsSync(`${file}.map`)) return [];
  const map: { sources: string[] } = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  return map.sources.map((s) => resolve(dirname(file), s));
}

test('zap --help lists every command and loads no AWS client', () => {
  const { status, stdout, loaded } = loadedModules(['--help']);
  expect(status).toBe(0);
  for (const cmd of ['init', 'package', 'deploy', 'update', 'status', 'tail', 'invoke', 'rollback', 'undeploy', 'local', 'emulator', 'tune']) {
    expect(stdout).toMatch(new RegExp(`^  ${cmd}\\b`, 'm'));
  }
  expect(loaded.filter((f) => f.includes('@aws-sdk') || f.includes('esbuild'))).toEqual([]);
});

test('the same check sees the SDK when a command does load it (so the check above can fail)', () => {
  const { loaded } = loadedModules(['status', 'dev'], { dev: { app: 'app.js' } });
  expect(loaded.some((f) => f.includes('@aws-sdk/client-lambda'))).toBe(true);
});

test('zap local and zap emulator take the same emulator flags, with the same defaults and checks', () => {
  const flags = (cmd: string) => {
    const res = spawnSync(process.execPath, [ZAP_BIN, cmd, '--help'], { encoding: 'utf8', env: { ...process.env, COLUMNS: '200' } });
    return res.stdout.split('\n').filter((l) => /^\s+--(port|time-scale|idle-ttl|state-dir)\b/.test(l)).map((l) => l.trim().replace(/\s+/g, ' '));
  };
  const local = flags('local');
  expect(local).toHaveLength(4);
  expect(local).toContain('--idle-ttl <seconds> reclaim containers idle this long (default: 300)');
  expect(flags('emulator')).toEqual(local);
  for (const cmd of ['local', 'emulator']) {
    const bad = spawnSync(process.execPath, [ZAP_BIN, cmd, '--idle-ttl', 'soon'], { encoding: 'utf8', timeout: 30_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("option '--idle-ttl <seconds>' argument 'soon' is invalid. Expected a number of seconds, 0 or more.");
  }
});
