import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UNTHROTTLED, httpRequest, useDeployedSample } from '../helpers/deployed';

jest.setTimeout(180_000);

const deployed = useDeployedSample({ emulator: { resources: UNTHROTTLED } });

/** Requests `/` from `workers` loops, 10 ms apart, until `done` is set, at most 60 s or 5000 requests in all. */
async function requestLoop(url: string, workers: number, done: { value: boolean }) {
  const seen = { ok: 0, failed: [] as string[], bodies: new Set<string>() };
  const deadline = Date.now() + 60_000;
  let budget = 5000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (!done.value && Date.now() < deadline && budget-- > 0) {
        try {
          const r = await httpRequest(url);
          if (r.status === 200) {
            seen.ok++;
            seen.bodies.add(/<h1>([^<]*)<\/h1>/.exec(r.body.toString())?.[1] ?? '');
          } else seen.failed.push(`HTTP ${r.status}`);
        } catch (err) {
          seen.failed.push(String(err));
        }
        // A breath between requests: 3 loops still ask ~100 times a second, and leave the update the CPU.
        await new Promise((r) => setTimeout(r, 10));
      }
    }),
  );
  return seen;
}

test('requests made all through `zap update` all succeed, and the new code takes over', async () => {
  const stage = deployed();
  const file = join(stage.dir, 'src/app.ts');
  writeFileSync(file, readFileSync(file, 'utf8').replace('Hello from zap-sample-app', 'Hello from the update'));
  const done = { value: false };
  const loop = requestLoop(stage.url, 3, done);
  const started = Date.now();
  const update = await stage.deploy({ update: true });
  const updateMs = Date.now() - started;
  await new Promise((r) => setTimeout(r, 300));
  done.value = true;
  const seen = await loop;
  expect(update.error).toBeUndefined();
  expect(seen.failed).toEqual([]);
  expect(seen.ok).toBeGreaterThan(10);
  expect(seen.bodies).toEqual(new Set(['Hello from zap-sample-app', 'Hello from the update']));
  expect((await httpRequest(stage.url)).body.toString()).toContain('Hello from the update');
  process.stdout.write(`zap update (one-line change) took ${updateMs} ms in the emulator; ${seen.ok} requests served meanwhile\n`);
});
