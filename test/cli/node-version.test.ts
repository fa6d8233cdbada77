/** The Node the CLI needs: stated once (engines), checked first by bin/zap.js, no SDK notice on a supported one. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZAP_BIN } from '../helpers/cli';

const REPO = join(__dirname, '../..');
const engines = (file: string) => JSON.parse(readFileSync(file, 'utf8')).engines.node as string;

/** Runs bin/zap.js on this Node made to report another version (process.version and versions.node). */
function zapAs(versions: { node: string; version?: string }, args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'zap-node-'));
  const hook = join(dir, 'as-version.cjs');
  writeFileSync(
    hook,
    `Object.defineProperty(process.versions, 'node', { value: ${JSON.stringify(versions.node)} });\n` +
      `Object.defineProperty(process, 'version', { value: ${JSON.stringify(versions.version ?? `v${versions.node}`)} });\n`,
  );
  writeFileSync(join(dir, 'zap.json'), JSON.stringify({ dev: { app: 'app.js' } }));
  return spawnSync(process.execPath, ['--require', hook, ZAP_BIN, ...args], {
    cwd: dir, encoding: 'utf8', timeout: 30_000,
    // Nothing listens on port 9: the AWS call fails at once, after the SDK has loaded.
    env: { ...process.env, AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_REGION: 'eu-west-1' },
  });
}

test('engines asks for the Node commander 15 needs', () => {
  expect(engines(join(REPO, 'package.json'))).toBe('>=22.12');
  expect(engines(join(REPO, 'node_modules/commander/package.json'))).toBe('>=22.12.0');
});

test.each(['22.11.0', '20.16.0', '18.20.4'])('Node %s gets one line naming the Node needed and the one running, exit 2', (node) => {
  const res = zapAs({ node }, ['status', 'dev']);
  expect(res.status).toBe(2);
  expect(res.stdout).toBe('');
  expect(res.stderr).toBe(`zap: needs Node.js 22.12 or later, but this is Node.js ${node} (${process.execPath}); install a newer Node (nvm install 24, or https://nodejs.org) and run zap again\n`);
});

test('Node 22.12 passes the check, and the AWS SDK prints no end-of-support notice', () => {
  const res = zapAs({ node: '22.12.0' }, ['status', 'dev']);
  expect(res.stderr).toMatch(/^zap: cannot reach the AWS endpoint/);
  expect(res.stderr).not.toMatch(/NodeVersionSupportWarning|needs Node/);
});

test('the notice the check above looks for is the one the SDK prints below Node 22 (so that check can fail)', () => {
  // Past the bin's check (versions.node) but the SDK reads process.version.
  const res = zapAs({ node: '22.12.0', version: 'v20.16.0' }, ['status', 'dev']);
  expect(res.stderr).toMatch(/NodeVersionSupportWarning/);
});

/** Another Node on PATH older than 22.12 (this machine's default is 20), if there is one. */
function olderNodeOnPath(): string | undefined {
  const found = spawnSync('sh', ['-c', 'which -a node nodejs 2>/dev/null'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  return found.find((bin) => {
    const v = spawnSync(bin, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    const [major, minor] = v.split('.').map(Number);
    return major! < 22 || (major === 22 && minor! < 12);
  });
}

const older = olderNodeOnPath();
(older ? test : test.skip)(`a real older Node on PATH (${older ?? 'none found'}) is refused the same way`, () => {
  const res = spawnSync(older!, [ZAP_BIN, '--help'], { encoding: 'utf8', timeout: 30_000 });
  expect(res.status).toBe(2);
  expect(res.stdout).toBe('');
  expect(res.stderr).toMatch(/^zap: needs Node\.js 22\.12 or later, but this is Node\.js \d+\.\d+\.\d+ \(/);
  expect(res.stderr.trim().split('\n')).toHaveLength(1);
});
