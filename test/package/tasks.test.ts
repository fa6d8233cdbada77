/** `zap package` with scheduled tasks: each task's file must exist and export a function, checked by bundling and loading. */
import { runZapInProcess } from '../helpers/cli-in-process';
import { cjsApp, makeProject, type Project } from '../helpers/artifact-project';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

const JOBS = `const shared = require('./shared');\nexports.cleanup = async () => shared.count();\nexports.notAFunction = 42;\n`;

async function packageWith(events: unknown[]) {
  const project = makeProject({
    'src/app.js': cjsApp(),
    'src/shared.js': 'let n = 0;\nexports.count = () => ++n;\n',
    'src/jobs.js': JOBS,
    'zap.json': JSON.stringify({ dev: { app: 'src/app.js', events } }),
  });
  projects.push(project);
  return runZapInProcess(['package', 'dev', '--json'], { cwd: project.dir });
}

test('tasks that exist are bundled and named', async () => {
  const r = await packageWith([{ function: 'src/jobs.js#cleanup', expression: 'rate(1 hour)' }]);
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
  expect(out.tasks).toEqual(['cleanup']);
});

test('an export that is not a function → exit 2 naming the task\'s key; a missing file → exit 2 naming it', async () => {
  const notFn = await packageWith([{ function: 'src/jobs.js#notAFunction', expression: 'rate(1 hour)' }]);
  expect(notFn.code).toBe(2);
  expect(notFn.stderr).toMatch(/^zap: zap\.json: stage 'dev', key 'events\[0\]\.function': src\/jobs\.js exports no function "notAFunction" \(got number\)/m);
  const missing = await packageWith([{ function: 'src/nope.js#cleanup', expression: 'rate(1 hour)' }]);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toMatch(/key 'events\[0\]\.function': no file "src\/nope\.js"/);
});

test('a bad schedule expression is refused before anything is built', async () => {
  const r = await packageWith([{ function: 'src/jobs.js#cleanup', expression: 'rate(1 hours)' }]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/key 'events\[0\]\.expression': got "rate\(1 hours\)"/);
});
