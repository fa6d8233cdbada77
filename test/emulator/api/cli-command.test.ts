import { spawn } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(__dirname, '..', '..', '..', 'bin', 'zap.js');

test('`zap emulator` prints its endpoint when ready and stops cleanly on SIGTERM', async () => {
  const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', '--time-scale', '10'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const endpoint = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no endpoint line; got: ${out}`)), 20000);
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /^endpoint: (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.once('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    const health = await (await fetch(`${endpoint}/_zap/health`)).json();
    expect(health).toMatchObject({ ok: true, timeScale: 10, accountId: '000000000000' });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});

test('a bad flag value is a user error with exit code 2', async () => {
  const child = spawn(process.execPath, [BIN, 'emulator', '--time-scale', 'fast'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  expect(code).toBe(2);
  expect(err).toBe("zap: option '--time-scale <n>' argument 'fast' is invalid. Expected a number above 0, e.g. 1 or 0.5.\n");
});

test('`zap emulator` says in its first lines how containers are held; --no-cpu-limit and --no-freeze turn those off', async () => {
  const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', '--no-cpu-limit', '--no-freeze'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const out = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`no containers line; got: ${text}`)), 20000);
      child.stdout.on('data', (c: Buffer) => {
        text += c.toString();
        if (/^containers: .*\n/m.test(text)) {
          clearTimeout(timer);
          resolve(text);
        }
      });
    });
    const [first, second] = out.split('\n');
    expect(first).toMatch(/^endpoint: /);
    expect(second).toMatch(/^containers: CPU unthrottled \(--no-cpu-limit\), memory (limited to MemorySize|unlimited), not frozen \(--no-freeze\)$/);
    const health = await (await fetch(`${first!.slice('endpoint: '.length)}/_zap/health`)).json();
    expect(health.resources).toMatchObject({ cpu: 'off', freeze: 'off', memory: expect.stringMatching(/^(cgroup|unavailable)$/) });
    // Stopped cleanly, so its cgroups go with it.
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
