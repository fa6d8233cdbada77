/** What `zap package` refuses, and how it says so: one line naming the problem and the fix, non-zero exit. */
import { runZap } from '../helpers/cli';
import { cjsApp, makeProject, type Project } from '../helpers/artifact-project';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

async function packageProject(files: Record<string, string>, app: string, linkPackages?: string[]) {
  const project = makeProject({ ...files, 'zap.json': JSON.stringify({ dev: { app } }) }, {}, linkPackages);
  projects.push(project);
  return runZap(['package', 'dev'], { cwd: project.dir });
}

test('a missing app file → exit 2, naming the stage, the key and the file', async () => {
  const r = await packageProject({}, 'src/nope.ts#app');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^zap: zap\.json: stage 'dev', key 'app': no file "src\/nope\.ts"/);
  expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace for a user error
});

test('a missing ESM export → exit 2 at build time, naming the export', async () => {
  const r = await packageProject({ 'src/app.mjs': `import express from 'express';\nexport const app = express();\n` }, 'src/app.mjs#server');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/key 'app': src\/app\.mjs has no export named "server"/);
});

test('a missing CommonJS export → exit 2 from the boot check, listing the exports it has', async () => {
  const r = await packageProject({ 'src/app.js': cjsApp().replace('module.exports = app', 'exports.app = app') }, 'src/app.js#server');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/src\/app\.js has no export named "server" \(its exports: app\)/);
});

test('an export that is not an Express app → exit 2', async () => {
  const r = await packageProject({ 'src/app.js': `module.exports = { hello: 'world' };\n` }, 'src/app.js');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/an export that is not an Express app/);
});

test('an app that calls listen() on import → refused, with the fix', async () => {
  const r = await packageProject({ 'src/app.js': cjsApp().replace('module.exports = app;', 'app.listen(0);\nmodule.exports = app;') }, 'src/app.js');
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/src\/app\.js calls listen\(\) when it is imported.*move listen\(\) to a separate file/);
});

test('an import that is not installed → names the module and the npm command', async () => {
  const r = await packageProject({ 'src/app.js': `require('left-pad-not-installed');\n${cjsApp()}` }, 'src/app.js');
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/imports "left-pad-not-installed", which is not installed: run `npm i left-pad-not-installed`/);
});
