/**
 * What `zap package` warns about, `zap deploy` says too: a deploy that succeeds may still ship
 * without something the app needs (a file the app looked for and booted without, an include that
 * matches nothing, a package that loads modules by a name zap cannot follow).
 */
import { deploySampleApp, type DeployedStage } from '../helpers/deployed';

let stage: DeployedStage;

beforeAll(async () => {
  stage = await deploySampleApp({ dev: { keep_warm: false, compile_cache: false, include: ['docs/**'] }, deploy: false, cli: 'in-process' });
}, 30_000);
afterAll(async () => {
  await stage?.close();
});

test("zap deploy prints the package's warnings, one line each, before any change (--plan)", async () => {
  const res = await stage.zap(['deploy', 'dev', '--plan']);
  expect(res.code).toBe(0);
  expect(res.stderr + res.stdout).toMatch(/^! package\s+include "docs\/\*\*" matches nothing: docs does not exist in /m);
}, 120_000);
