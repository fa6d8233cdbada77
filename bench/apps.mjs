// The apps the first-answer rows measure: the sample app and real apps from test/fixtures/apps
// (views, static files), each as zap ships it (packaged, unzipped, compile cache made as deploy
// makes it) and as a hand-written Lambda handler would load it: its own code compiled to one file,
// its dependencies file by file from node_modules, behind bare serverless-express.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { randomBytes } from 'node:crypto';
import { REPO, SAMPLE_APP, require, unzip } from './lib.mjs';
import { addCompileCache } from './compile-cache-maker.mjs';

const ZAP = join(REPO, 'bin', 'zap.js');

/**
 * Each app as its author wrote it: the module that exports the app (`name` the export), a page
 * that renders a view, and whether zap init finds it unaided (the sample app has its own zap.json).
 */
export const APPS = [
  { name: 'sample-app', dir: SAMPLE_APP, module: 'src/app.ts', exportName: 'app', path: '/users/42?fields=name', own: true },
  { name: 'generator-ejs', dir: 'test/fixtures/apps/generator-ejs', module: 'app.js', path: '/' },
  { name: 'examples-mvc', dir: 'test/fixtures/apps/examples-mvc', module: 'index.js', path: '/users' },
  { name: 'typescript-pug', dir: 'test/fixtures/apps/typescript-pug', module: 'src/app.ts', exportName: 'app', path: '/' },
];

/** An empty handler that answers HTTP: the floor every first answer is compared with. */
export function emptyHttpHandler(dir) {
  const file = join(dir, 'empty-http.js');
  if (!existsSync(file)) writeFileSync(file, `exports.handler = async () => ({ statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' });\n`);
  return file;
}

/**
 * The baseline handler: a JavaScript app as it is, file by file; a TypeScript app's own files
 * compiled into one beside its module (so its __dirname paths hold, and its path aliases resolve),
 * every package left in node_modules.
 */
async function buildBaseline(dir, app) {
  let entry = `./${app.module}`;
  if (/\.[cm]?ts$/.test(app.module)) {
    const { build } = require('esbuild');
    const outdir = dirname(join(dir, app.module));
    await build({
      entryPoints: { 'bench-app': join(dir, app.module) },
      outdir,
      bundle: true,
      packages: 'external',
      format: 'cjs',
      platform: 'node',
      target: 'node24',
      logLevel: 'error',
      ...(existsSync(join(dir, 'tsconfig.json')) ? { tsconfig: join(dir, 'tsconfig.json') } : {}),
    });
    entry = `./${relative(dir, join(outdir, 'bench-app.js'))}`;
  }
  const pick = app.exportName ? `.${app.exportName}` : '';
  writeFileSync(join(dir, 'bench-handler.js'), `const se = require('@codegenie/serverless-express');\nexports.handler = se({ app: require(${JSON.stringify(entry)})${pick} });\n`);
  return join(dir, 'bench-handler.js');
}

/**
 * A copy inside the repository (imports resolve as in place), `zap init` unless the app has its
 * own zap.json, `zap package`, unzipped, with a compile cache made with no request (as deploy
 * does by default), one made after a GET of the measured page (compile_cache_warmup_path) and one
 * of every function (ZAP_COMPILE_CACHE_EAGER=on); and packaged again with its view
 * engine unbundled (bundle_view_engines: false), and with JSON as object literals (json_parse: false).
 */
export async function prepareApp(work, app) {
  const dir = join(REPO, 'zap-test-apps', `bench-${app.name}-${randomBytes(3).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  const source = app.own ? app.dir : join(REPO, app.dir);
  cpSync(source, dir, { recursive: true, filter: (src) => !src.startsWith(join(source, '.zap')) });
  try {
    if (!app.own) execFileSync(process.execPath, [ZAP, 'init', '--region', 'eu-west-1'], { cwd: dir, stdio: 'ignore' });
    const pack = async (name) => {
      const out = join(work, `app-${app.name}-${name}`);
      const packaged = JSON.parse(execFileSync(process.execPath, [ZAP, 'package', 'dev', '--json', '--out', out], { cwd: dir, encoding: 'utf8' }));
      const taskDir = join(out, 'task');
      await unzip(packaged.artifact, taskDir);
      return { packaged, taskDir };
    };
    const { packaged, taskDir } = await pack('default');
    const warmDir = `${taskDir}-warmup`;
    const eagerDir = `${taskDir}-eager`;
    cpSync(taskDir, warmDir, { recursive: true });
    cpSync(taskDir, eagerDir, { recursive: true });
    addCompileCache(taskDir);
    addCompileCache(warmDir, app.path);
    addCompileCache(eagerDir, undefined, { ZAP_COMPILE_CACHE_EAGER: 'on' });
    // The same app packaged with its view engine unbundled (zap.json bundle_view_engines: false).
    const settingsFile = join(dir, 'zap.json');
    const settings = JSON.parse(readFileSync(settingsFile, 'utf8'));
    writeFileSync(settingsFile, JSON.stringify({ ...settings, dev: { ...settings.dev, bundle_view_engines: false } }));
    const { taskDir: enginesDir } = await pack('engines-unbundled');
    addCompileCache(enginesDir);
    // And with its JSON files as object literals (zap.json json_parse: false).
    writeFileSync(settingsFile, JSON.stringify({ ...settings, dev: { ...settings.dev, json_parse: false } }));
    const { taskDir: jsonLiteralDir } = await pack('json-literal');
    addCompileCache(jsonLiteralDir);
    const baseline = await buildBaseline(dir, app);
    return { dir, taskDir, warmDir, eagerDir, enginesDir, jsonLiteralDir, baseline, packaged, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** The artifact's app bundle: the root entry, or the file its one-line stub requires (src/contracts/layout.ts). */
export function bundleFile(taskDir) {
  const entry = join(taskDir, 'zap-app.cjs');
  const m = /^module\.exports = require\(("\.\/[^"\n]+")\);\n?$/.exec(readFileSync(entry, 'utf8'));
  return m ? join(taskDir, JSON.parse(m[1])) : entry;
}
