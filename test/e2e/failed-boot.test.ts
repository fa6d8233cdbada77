import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UNTHROTTLED, httpRequest, useDeployedSample } from '../helpers/deployed';
import { succeeded } from '../helpers/in-process';

jest.setTimeout(180_000);

const deployed = useDeployedSample({ emulator: { resources: UNTHROTTLED } });

test('a new version whose app cannot boot in Lambda never receives traffic; the old one keeps serving', async () => {
  const stage = deployed();
  const file = join(stage.dir, 'src/app.ts');
  const good = readFileSync(file, 'utf8');
  // Boots fine on this machine (so packaging passes) and fails only inside the function.
  writeFileSync(file, `if (process.env.AWS_LAMBDA_FUNCTION_NAME) throw new Error('DATABASE_URL is not set');\n${good.replace('Hello from zap-sample-app', 'Hello, broken')}`);
  const res = await stage.deploy({ update: true });
  expect(res.error).toMatchObject({ name: 'UserError', exitCode: 1 });
  expect(res.error!.message).toMatch(/version 2 started, but the app failed to boot: .*DATABASE_URL is not set/);
  expect(res.error!.message).toMatch(/alias live still points where it did/);
  const home = await httpRequest(stage.url);
  expect(home.status).toBe(200);
  expect(home.body.toString()).toContain('Hello from zap-sample-app');

  writeFileSync(file, good.replace('Hello from zap-sample-app', 'Hello, fixed'));
  succeeded(await stage.deploy({ update: true }));
  expect((await httpRequest(stage.url)).body.toString()).toContain('Hello, fixed');
});
