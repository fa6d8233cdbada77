/**
 * The sample-app copies the e2e tests deploy: by default each starts with the package record and zip
 * of the sample packaged once per run, and packaging it (as `zap deploy` does) reuses that zip though
 * the copy lives in another folder under another project_name; a `fresh` copy has neither.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildArtifact } from '../../src/deploy/artifact';
import { loadStage } from '../../src/settings';
import { sampleAppCopy } from '../helpers/deployed';

const copies: { remove(): void }[] = [];
afterAll(() => copies.forEach((c) => c.remove()));

test('a copy reuses the zip packaged once per run; a fresh one starts with no record', async () => {
  const copy = await sampleAppCopy();
  const fresh = await sampleAppCopy({}, { fresh: true });
  copies.push(copy, fresh);
  const settings = await loadStage(copy.dir, 'dev');
  const out = await buildArtifact(copy.dir, settings);
  expect(out.packageCache.reused).toBe(true);
  expect(out.packageCache.detail).toMatch(/^inputs unchanged since .+ UTC, reused \.zap\/dev\/t[0-9a-f]{6}-dev\.zip$/);
  expect(out.path).toBe(join(copy.dir, '.zap', 'dev', `${settings.project_name}-dev.zip`));
  expect(existsSync(join(fresh.dir, '.zap'))).toBe(false);
});
