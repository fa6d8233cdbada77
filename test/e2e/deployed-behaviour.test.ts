import { describeSampleApp } from '../behaviour/sample-app';
import { UNTHROTTLED, deploySampleApp, httpRequest, type DeployedStage } from '../helpers/deployed';

jest.setTimeout(180_000);

let stage: DeployedStage | undefined;
afterAll(async () => {
  await stage?.close();
});

// The same behaviour suite the artifact passes in-process, now over real HTTP through the Function URL,
// deployed the way a user does it: `zap deploy dev` in its own process.
describeSampleApp('deployed into the emulator, through its Function URL', async () => {
  stage = await deploySampleApp({ via: 'cli', emulator: { resources: UNTHROTTLED } });
  const base = stage.url.replace(/\/$/, '');
  return { request: (method, path, init) => httpRequest(`${base}${path}`, method, init) };
});
