import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateSettingsFile } from '../../src/settings/validate';
import { tempDir } from '../helpers/artifact';
import { runZap } from '../helpers/cli';

// The built CLI checks stages with ajv's standalone code generated at build time
// (scripts/stage-validator.mjs); src compiles the same schema at run time. Both must say the same.
const ZAP_JSON = {
  good: {
    app: 'src/app.ts#app', memory_size: 1024, runtime: 'nodejs22.x', keep_warm: true, tags: { team: 'web' },
    events: [{ function: 'src/jobs.js#nightly', expression: 'rate(1 day)' }], include: ['views/**'], http: 'api_gateway', log_retention_days: 14,
  },
  bad: {
    app: 'a.js', memory_size: 5, runtime: 'node18', bogus: 1, keep_warm: 500, tags: { a: 1 }, events: [{ function: 'x' }],
    include: 'x', timeout_seconds: '3', http: 'ftp', log_retention_days: 2, environment_variables: { '1X': 'y' }, vpc_config: { subnet_ids: 3 },
  },
};

test('the built CLI reports every schema problem exactly as the source validator does', async () => {
  const dir = tempDir('precompiled');
  writeFileSync(join(dir, 'zap.json'), JSON.stringify(ZAP_JSON));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'precompiled' }));
  const problems = validateSettingsFile(ZAP_JSON, 'precompiled');
  expect(problems.length).toBeGreaterThan(10);
  expect(problems.join('\n')).not.toMatch(/stage 'good'/);

  const run = await runZap(['package', 'bad'], { cwd: dir });
  expect(run.code).toBe(2);
  expect(run.stderr).toBe(`zap: ${problems.join('\n')}\n`);
});
