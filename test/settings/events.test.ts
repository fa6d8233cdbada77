import { validateSettingsFile } from '../../src/settings/validate';
import { tasksEntrySource } from '../../src/package/tasks';

const problems = (dev: Record<string, unknown>) => validateSettingsFile({ dev: { app: 'src/app.ts#app', project_name: 'p', ...dev } });

test('events: a good list passes; a bad expression, a duplicate name, a bad shape each name their key', () => {
  expect(problems({ events: [{ function: 'src/jobs.js#cleanup', expression: 'rate(1 hour)' }, { function: 'src/jobs.js#cleanup', expression: 'cron(0 3 * * ? *)', name: 'nightly' }] })).toEqual([]);
  expect(problems({ events: [{ function: 'src/jobs.js#cleanup', expression: 'rate(1 hours)' }] })).toEqual([
    `zap.json: stage 'dev', key 'events[0].expression': got "rate(1 hours)": write "rate(1 hour)": a value of 1 takes the singular unit`,
  ]);
  expect(problems({ events: [{ function: 'a.js#run', expression: 'rate(1 hour)' }, { function: 'b.js#run', expression: 'rate(2 hours)' }] })).toEqual([
    `zap.json: stage 'dev', key 'events[1]': the task name "run" is also events[0]'s; give one of them a distinct "name"`,
  ]);
  expect(problems({ events: [{ function: 'src/jobs.js', expression: 'rate(1 hour)' }] })[0]).toMatch(/^zap.json: stage 'dev', key 'events': got .*expected a list of \{"function": "<module>#<export>"/);
  expect(problems({ project_name: 'p'.repeat(40), events: [{ function: 'j.js#x', expression: 'rate(1 hour)', name: 'n'.repeat(20) }] })[0]).toMatch(/key 'events\[0\]': its EventBridge rule .* has 70 characters, expected at most 64; set a shorter "name"/);
});

test('secret references must name something AWS could hold', () => {
  expect(problems({ environment_variables: { DB: 'ssm:/prod/db', KEY: 'secretsmanager:prod/key', CC: 'ssm:plain.name' } })).toEqual([]);
  expect(problems({ environment_variables: { DB: 'ssm:prod/db' } })).toEqual([
    `zap.json: stage 'dev', key 'environment_variables.DB': got "ssm:prod/db", expected a parameter name such as "ssm:/prod/db/password" or its ARN`,
  ]);
  expect(problems({ environment_variables: { KEY: 'secretsmanager:has space' } })[0]).toMatch(/key 'environment_variables.KEY'.*a secret name/);
});

test('the tasks bundle loads each task module lazily, by its export', () => {
  const src = tasksEntrySource([{ name: 'nightly', file: 'src/jobs.ts', exportName: 'report', index: 0 }]);
  expect(src).toContain(`"nightly": () => import("./src/jobs.ts").then((m) => m["report"]),`);
});
