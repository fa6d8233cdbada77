/** The stage check kept in node_modules/.cache (src/settings/check-stage.ts) says what a fresh compile of the schema says. */
import Ajv from 'ajv';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AJV_OPTIONS, stageSchemaErrors } from '../../src/settings/check-stage';
import { stageSchema } from '../../src/settings/schema';

const BAD = [{ app: 5, memory_size: 'big', keep_warm: -1, nonsense: true }, { runtime: 'nodejs12.x', vpc_config: { subnet_ids: 'x' } }, {}];

test('the same complaints as the schema compiled now, in the same order', () => {
  const fresh = new Ajv(AJV_OPTIONS).compile(stageSchema());
  for (const raw of BAD) {
    fresh(raw);
    expect(stageSchemaErrors(raw)).toEqual(fresh.errors ?? []);
  }
  expect(stageSchemaErrors(BAD[0]).length).toBeGreaterThan(2);
  // Kept, named by the schema it was made from.
  expect(readdirSync(join(__dirname, '../../node_modules/.cache/zap')).some((f) => /^stage-check-[0-9a-f]{24}\.cjs$/.test(f))).toBe(true);
});
