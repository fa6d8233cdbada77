import { describeSampleApp } from '../behaviour/sample-app';
import { deploySampleApp, httpRequest, type DeployedStage } from '../helpers/deployed';

jest.setTimeout(180_000);

let stage: DeployedStage | undefined;
afterAll(async () => {
  await stage?.close();
});

// The same behaviour suite the artifact passes in-process, now over real HTTP through the Function URL.
describeSampleApp('deployed into the emulator, through its Function URL', async () => {
  stage = await deploySampleApp();
  const base = stage.url.replace(/\/$/, '');
  return { request: (method, path, init) => httpRequest(`${base}${path}`, method, init) };
});
