import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { dirname, join } from 'node:path';
import type { FixtureRoute } from '../fixtures/routes';
import { requestRoutes, type Answer } from './route-answers';

const REPO = join(__dirname, '../..');
export const FIXTURE_APPS = join(REPO, 'test/fixtures/apps');

/**
 * A copy of one fixture inside the repository, its own node_modules (Express 4) included, so every import
 * resolves as it does in place. Not under .zap-test: `send` refuses an absolute path with a dot-folder in it
 * (dotfiles: 'ignore'), so res.download/sendFile would answer 404 there under plain node.
 */
export function fixtureCopy(name: string): { dir: string; remove(): void } {
  const source = join(FIXTURE_APPS, name);
  if (!existsSync(join(source, 'package.json'))) throw new Error(`no fixture app ${name} in ${FIXTURE_APPS}`);
  const dir = join(REPO, 'zap-test-apps', `${name}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  cpSync(source, dir, { recursive: true, filter: (src) => !src.startsWith(join(source, '.zap')) });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A digest of the app's own files (not node_modules, zap.json or zap's .zap build folder): proof that nothing edited the app. */
export function sourceDigest(dir: string): string {
  const hash = createHash('sha256');
  const walk = (at: string) => {
    for (const entry of readdirSync(join(dir, at), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = join(at, entry.name);
      if (['node_modules', '.zap', 'zap.json'].includes(entry.name)) continue;
      if (entry.isDirectory()) walk(rel);
      else hash.update(rel).update('\0').update(readFileSync(join(dir, rel))).update('\0');
    }
  };
  walk('');
  return hash.digest('hex');
}

/** The command package.json starts the app with (`scripts.start`, else `node <main>`), as [script, ...args] to run with node. */
export function startCommand(dir: string): string[] {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { main?: string; scripts?: { start?: string } };
  const words = (pkg.scripts?.start ?? `node ${pkg.main ?? 'index.js'}`).trim().split(/\s+/).filter((w) => !/^\w+=/.test(w));
  const [command, ...args] = words;
  if (command === 'node') return args;
  // As `npm start` does: a command from node_modules/.bin, here the package's bin script run by this node.
  for (let at = dir; ; at = dirname(at)) {
    const bin = join(at, 'node_modules/.bin', command!);
    if (existsSync(bin)) return [realpathSync(bin), ...args];
    if (dirname(at) === at) throw new Error(`${dir}: start script "${pkg.scripts?.start}" uses ${command}, found in no node_modules/.bin`);
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => resolve(!!socket.end()));
    socket.on('error', () => resolve(false));
  });

/**
 * Starts the app under plain node as its package.json starts it, on a free loopback port given as PORT.
 * NODE_ENV is production, as in the stage `zap init` writes: error pages then show no stack traces.
 */
export async function startUnderNode(dir: string): Promise<{ url: string; output(): string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, startCommand(dir), { cwd: dir, env: { ...process.env, PORT: String(port), NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM'); // tsx relays it to the node process it starts
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`${dir}: the app exited (${child.exitCode}) before listening:\n${output}`);
    if (await accepts(port)) return { url: `http://127.0.0.1:${port}/`, output: () => output, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`${dir}: nothing listens on port ${port} after 20 s:\n${output}`);
}

/** Starts the app under plain node, requests its routes, stops it. */
export async function answersUnderNode(dir: string, routes: FixtureRoute[]): Promise<Answer[]> {
  const app = await startUnderNode(dir);
  try {
    return await requestRoutes(app.url, routes);
  } finally {
    await app.stop();
  }
}
