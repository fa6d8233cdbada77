/**
 * Packages that ship one build per platform (sharp's @img/sharp-linux-x64, as npm installs it on an
 * x64 machine) against a function that runs on arm64, Lambda's default: what zap ships and says.
 */
import type { Message } from 'esbuild';
import { loadStage } from '../../src/settings';
import { packageApp } from '../../src/package';
import { explainBuildErrors } from '../../src/package/diagnose';
import { fakePackage, makeProject, type Project } from '../helpers/artifact-project';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

/** An image library that loads the addon npm installed for this machine, as sharp does. */
function imageProject(stage: Record<string, unknown>, installed: string[]): Project {
  const app = `const express = require('express');\nconst img = require('fake-img');\nconst app = express();\napp.get('/', (req, res) => res.json({ ok: true }));\nmodule.exports = app;\n`;
  const project = makeProject({ 'src/app.js': app }, { external: ['fake-img'], ...stage }, ['express']);
  projects.push(project);
  const builds = { 'fake-img-linux-x64': 'x64', 'fake-img-linux-arm64': 'arm64' };
  fakePackage(project, 'fake-img', { 'index.js': `try { module.exports = require('fake-img-linux-' + process.arch + '/img.node'); } catch { module.exports = null; }\n` }, { optionalDependencies: { 'fake-img-linux-x64': '1.0.0', 'fake-img-linux-arm64': '1.0.0' } });
  for (const name of installed) fakePackage(project, name, { 'img.node': '\u007fELF not really' }, { os: ['linux'], cpu: [builds[name as keyof typeof builds]] });
  return project;
}

test('only a build for x64 installed and an arm64 function: exit 2, with the architecture to set and the npm command', async () => {
  const project = imageProject({}, ['fake-img-linux-x64']);
  const err = await packageApp(project.dir, await loadStage(project.dir, 'dev')).catch((e: unknown) => e);
  expect(err).toMatchObject({ name: 'UserError', exitCode: 2 });
  expect((err as Error).message).toBe(
    'fake-img: node_modules holds builds for another platform only (fake-img-linux-x64 (linux x64)), and the function runs on linux arm64 ("architecture": "arm64"). ' +
      `Set "architecture": "x86_64" in zap.json (stage 'dev') to run the build you have, or install the function's build with \`npm install --os=linux --cpu=arm64 fake-img\``,
  );
});

test('the same build and an x86_64 function: it ships', async () => {
  const project = imageProject({ architecture: 'x86_64' }, ['fake-img-linux-x64']);
  const r = await packageApp(project.dir, await loadStage(project.dir, 'dev'), { verify: false });
  expect(r.files).toEqual(expect.arrayContaining(['node_modules/fake-img/index.js', 'node_modules/fake-img-linux-x64/img.node']));
});

test('builds for both installed: the function gets its own, and the other is left out with a warning', async () => {
  const project = imageProject({}, ['fake-img-linux-x64', 'fake-img-linux-arm64']);
  const r = await packageApp(project.dir, await loadStage(project.dir, 'dev'), { verify: false });
  expect(r.files).toContain('node_modules/fake-img-linux-arm64/img.node');
  expect(r.files.some((f) => f.startsWith('node_modules/fake-img-linux-x64/'))).toBe(false);
  expect(r.warnings).toContain("left out fake-img-linux-x64: built for another platform than the function's (linux, arm64)");
});

test("bundling sharp: the error names sharp, the package to keep external, not the platform build it picked (exit 2)", () => {
  const errors = [
    { text: 'No loader is configured for ".node" files: node_modules/@img/sharp-linux-x64/lib/sharp-linux-x64-0.35.5.node', location: { file: 'node_modules/@img/sharp-linux-x64/lib/sharp-linux-x64-0.35.5.node', line: 1 } },
    { text: 'Could not resolve require("../src/build/Release/sharp-*-*.node")', location: { file: 'node_modules/sharp/dist/sharp.cjs', line: 25 } },
  ] as unknown as Message[];
  const err = explainBuildErrors(errors, 'dev');
  expect(err.exitCode).toBe(2);
  expect(err.message).toMatch(/^cannot bundle the app:\n {2}"sharp" loads a native addon \(node_modules\/@img\/sharp-linux-x64\/.*\.node\) and cannot be bundled: add "sharp" to "external" in zap\.json \(stage 'dev'\)/);
  expect(err.message).not.toMatch(/add "@img/);
});

test('a bundled package that loads its per-platform build through createRequire (sharp 0.35, as Astro imports it): a warning naming the build and "external", not the generic computed-name line', async () => {
  // sharp 0.35's dist/sharp.mjs: `const require = createRequire(import.meta.url)`, then a require of
  // the platform package's addon that esbuild never sees; Astro's image service imports it on request.
  const app = `const express = require('express');\nconst app = express();\napp.get('/_image', async (req, res) => res.json({ ok: !!(await import('fake-img')).default }));\nmodule.exports = app;\n`;
  const project = makeProject({ 'src/app.js': app }, {}, ['express']);
  projects.push(project);
  const loader = `import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\nlet img = null;\ntry { img = require(\`fake-img-\${process.platform}-\${process.arch}/img.node\`); } catch {}\nexport default img;\n`;
  fakePackage(project, 'fake-img', { 'index.mjs': loader }, { main: 'index.mjs', type: 'module', optionalDependencies: { 'fake-img-linux-x64': '1.0.0', 'fake-img-linux-arm64': '1.0.0' } });
  fakePackage(project, 'fake-img-linux-x64', { 'img.node': '\u007fELF not really' }, { os: ['linux'], cpu: ['x64'] });
  const r = await packageApp(project.dir, await loadStage(project.dir, 'dev'), { verify: false });
  expect(r.warnings).toContain(
    `"fake-img" is bundled without its native build (fake-img-linux-x64), which it loads by a path the bundle cannot follow: the app fails on Lambda where it calls fake-img. ` +
      `Add "fake-img" to "external" in zap.json (stage 'dev') to ship it with its build for the function's platform`,
  );
  expect(r.warnings.filter((w) => w.startsWith('"fake-img" loads a module by computed name'))).toEqual([]);
});
