import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZAP_BIN } from '../helpers/cli';
import { httpRequest } from '../helpers/deployed';

jest.setTimeout(120_000);

/** Whether a process is still alive. */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('zap local deploys the sample app into the emulator, prints a URL that answers, and Ctrl-C stops everything', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'zap-local-')); // no zap.json here: the sample app is used
  // --no-cpu-limit: the deploy's cold starts at full CPU (this test is about what `zap local` runs and
  // stops; test/emulator/container/resources.test.ts proves the CPU share), and the flag reaches the emulator.
  const child = spawn(process.execPath, [ZAP_BIN, 'local', '--port', '0', '--no-cpu-limit'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no url within 90 s:\n${out}\n${err}`)), 90_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /^url: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`zap local exited ${code}:\n${out}\n${err}`)));
  });
  expect(err).toMatch(/^containers: CPU unthrottled \(--no-cpu-limit\), /m);
  const home = await httpRequest(url);
  expect(home.status).toBe(200);
  expect(home.body.toString()).toContain('Hello from zap-sample-app');

  // The function's logs stream on stdout: the request just made shows up with its REPORT.
  await httpRequest(`${url}users/42`);
  for (let i = 0; i < 200 && !/REPORT|GET \/users\/42|\d+(\.\d+)? ms/.test(out.split(/^url: .*$/m)[1] ?? ''); i++) await new Promise((r) => setTimeout(r, 50));
  expect(out.split(/^url: .*$/m)[1]).toMatch(/\d+(\.\d+)? ms/);

  const endpoint = /emulator: (http:\/\/127\.0\.0\.1:\d+)/.exec(err)![1];
  const containers = (await (await fetch(`${endpoint}/_zap/containers`)).json()) as { pid: number }[];
  expect(containers.length).toBeGreaterThanOrEqual(2); // keep_warm 2 in the sample app's dev stage

  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(containers.filter((c) => alive(c.pid))).toEqual([]);
  await expect(httpRequest(url)).rejects.toThrow();
});
