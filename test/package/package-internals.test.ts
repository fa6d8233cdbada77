/**
 * Packages that find their own files at run time, as classic Express apps' dependencies do, work in
 * the artifact as under `node`: each project is packaged, unzipped into a folder of its own and
 * served by a fresh Node process, as Lambda would. The packages are small stand-ins written the
 * way the real ones are (uglify-js, swagger-ui-dist, i18next-fs-backend, amdefine's source-map).
 */
import { buildArtifact, type Artifact } from '../helpers/artifact';
import { withServedArtifact } from '../helpers/served-artifact';
import { makeProject, type Project } from '../helpers/artifact-project';
import { ArtifactProcess } from '../helpers/artifact-process';
import { functionUrlClient } from '../helpers/artifact-client';
import { loadStage } from '../../src/settings';
import { packageApp, formatLine } from '../../src/package';
import type { SampleClient } from '../behaviour/sample-app';

const pkg = (name: string, extra: Record<string, unknown> = {}) => JSON.stringify({ name, version: '1.0.0', main: 'index.js', ...extra });

/** uglify-js 2 (which pug 2 loads to compile templates) resolves its lib files, reads and evaluates them. */
const MINIFIER = {
  'node_modules/text-minifier/package.json': pkg('text-minifier', { main: 'tools/node.js' }),
  'node_modules/text-minifier/tools/node.js': [
    `var fs = require('fs');`,
    `var FILES = [require.resolve('../lib/utils.js'), require.resolve('../lib/squeeze.js')];`,
    `var Minifier = {};`,
    `new Function('exports', FILES.map(function (file) { return fs.readFileSync(file, 'utf8'); }).join('\\n\\n'))(Minifier);`,
    `module.exports = Minifier;`,
  ].join('\n'),
  'node_modules/text-minifier/lib/utils.js': `function trim(s) { return s.trim(); }\n`,
  'node_modules/text-minifier/lib/squeeze.js': `exports.minify = function (s) { return trim(s).replace(/\\s+/g, ' '); };\n`,
};

/** swagger-ui-dist: getAbsoluteFSPath() is path.resolve(__dirname), and swagger-ui-express serves it with express.static. */
const DOCS_DIST = {
  'node_modules/docs-dist/package.json': pkg('docs-dist'),
  'node_modules/docs-dist/index.js': `module.exports = { getAbsoluteFSPath: require('./absolute-path.js') };\n`,
  'node_modules/docs-dist/absolute-path.js': [
    `const getAbsoluteFSPath = function () {`,
    `  if (typeof module !== "undefined" && module.exports) {`,
    `    return require("path").resolve(__dirname)`,
    `  }`,
    `  throw new Error('getAbsoluteFSPath can only be called within a Nodejs environment');`,
    `}`,
    `module.exports = getAbsoluteFSPath`,
  ].join('\n'),
  'node_modules/docs-dist/docs-ui.css': `.docs-ui { color: teal; }\n`,
  'node_modules/docs-dist/docs-ui-bundle.js': `window.DocsUI = function () {};\n`,
};

/** i18next-fs-backend: "type": "module", an ESM build under "module"/"import" and a CommonJS one under "require". */
const DUAL = {
  'node_modules/dual-backend/package.json': JSON.stringify({
    name: 'dual-backend', version: '1.0.0', type: 'module', main: './cjs/index.js', module: './esm/index.js',
    exports: { '.': { module: './esm/index.js', import: './esm/index.js', require: './cjs/index.js', default: './esm/index.js' } },
  }),
  'node_modules/dual-backend/cjs/package.json': JSON.stringify({ type: 'commonjs' }),
  'node_modules/dual-backend/cjs/index.js': `class Backend {}\nBackend.type = 'backend';\nmodule.exports = Backend;\n`,
  'node_modules/dual-backend/esm/index.js': `class Backend {}\nBackend.type = 'backend';\nexport default Backend;\n`,
};

const APP = [
  `const express = require('express');`,
  `const docs = require('docs-dist');`,
  `const Backend = require('dual-backend');`,
  `const app = express();`,
  `app.get('/minify', (req, res) => res.type('text').send(require('text-minifier').minify('  a   b  ')));`,
  `app.get('/backend', (req, res) => res.json({ type: Backend.type }));`,
  `app.use('/docs', express.static(docs.getAbsoluteFSPath()), (req, res) => res.type('html').send('<html>docs page</html>'));`,
  `module.exports = app;`,
].join('\n');

async function get(client: SampleClient, path: string) {
  const r = await client.request('GET', path);
  return { status: r.status, type: String(r.headers['content-type']), text: r.body.toString('utf8') };
}

describe('packages that find their own files', () => {
  let project: Project;
  let artifact: Artifact;
  let container: ArtifactProcess;
  let client: SampleClient;
  beforeAll(async () => {
    project = makeProject({ 'src/app.js': APP, ...MINIFIER, ...DOCS_DIST, ...DUAL }, {}, ['express']);
    artifact = await buildArtifact(project.dir, 'dev');
    container = await new ArtifactProcess(artifact.dir).whenReady();
    client = functionUrlClient(container);
  });
  afterAll(async () => {
    await container?.close();
    artifact?.cleanup();
    project?.cleanup();
  });

  test('require.resolve in a bundled package starts from the package file, and the files it reads ship', async () => {
    expect(artifact.result.files).toEqual(expect.arrayContaining(['node_modules/text-minifier/lib/utils.js', 'node_modules/text-minifier/lib/squeeze.js']));
    const r = await get(client, '/minify');
    expect(r).toMatchObject({ status: 200, text: 'a b' });
  });

  test("a package's folder handed to express.static ships whole, so its files are served and not the fallback page", async () => {
    expect(artifact.result.run_time_files.map(formatLine)).toContain(
      'node_modules/docs-dist/ (3 files): node_modules/docs-dist/absolute-path.js hands out its own folder (__dirname); 3 of its 5 files',
    );
    const css = await get(client, '/docs/docs-ui.css');
    expect(css).toMatchObject({ status: 200, text: '.docs-ui { color: teal; }\n' });
    expect(css.type).toMatch(/^text\/css/);
    expect((await get(client, '/docs/docs-ui-bundle.js')).type).toMatch(/javascript/);
    expect((await get(client, '/docs/')).text).toBe('<html>docs page</html>');
  });

  test("require() of a dual package gets its CommonJS build, as under node, not the ESM build's namespace", async () => {
    expect(JSON.parse((await get(client, '/backend')).text)).toEqual({ type: 'backend' });
  });
});

/** amdefine as source-map 0.1-0.4 use it: `define(function (require) { ... })` with the module's own require. */
const AMD = {
  'node_modules/amdefine/package.json': pkg('amdefine'),
  'node_modules/amdefine/index.js': [
    `module.exports = function amdefine(module, requireFn) {`,
    `  return function define(factory) {`,
    `    var r = factory(requireFn, module.exports, module);`,
    `    if (r !== undefined) module.exports = r;`,
    `  };`,
    `};`,
  ].join('\n'),
  'node_modules/old-source-map/package.json': pkg('old-source-map', { dependencies: { amdefine: '1.0.0' } }),
  'node_modules/old-source-map/index.js': `module.exports = require('./lib/source-map/generator');\n`,
  'node_modules/old-source-map/lib/source-map/generator.js': [
    `if (typeof define !== 'function') {`,
    `    var define = require('amdefine')(module, require);`,
    `}`,
    `define(function (require, exports, module) {`,
    `  var vlq = require('./base64-vlq');`,
    `  exports.encode = function (n) { return vlq.encode(n); };`,
    `});`,
  ].join('\n'),
  'node_modules/old-source-map/lib/source-map/base64-vlq.js': [
    `if (typeof define !== 'function') {`,
    `    var define = require('amdefine')(module, require);`,
    `}`,
    `define(function (require, exports, module) {`,
    `  exports.encode = function (n) { return 'vlq:' + n; };`,
    `});`,
  ].join('\n'),
};

test('a view engine whose dependencies pass require() to amdefine ships unbundled and renders, saying why', async () => {
  const project = makeProject(
    {
      'package.json': JSON.stringify({ name: 'amd-engine-app', private: true, dependencies: { express: '^5.1.0', hbs: '^4.0.0' } }),
      ...AMD,
      'node_modules/hbs/package.json': pkg('hbs', { dependencies: { 'old-source-map': '1.0.0' } }),
      'node_modules/hbs/index.js': [
        `const fs = require('fs');`,
        `exports.__express = function (file, options, cb) {`,
        `  const map = require('old-source-map');`,
        `  cb(null, fs.readFileSync(file, 'utf8').replace('{{title}}', options.title) + ' ' + map.encode(7));`,
        `};`,
      ].join('\n'),
      'views/index.hbs': '<h1>{{title}}</h1>',
      'src/app.js': [
        `const express = require('express');`,
        `const path = require('path');`,
        `const app = express();`,
        `app.set('views', path.join(__dirname, '..', 'views'));`,
        `app.set('view engine', 'hbs');`,
        `app.get('/', (req, res) => res.render('index', { title: 'Home' }));`,
        `module.exports = app;`,
      ].join('\n'),
    },
    {},
    ['express'],
  );
  try {
    await withServedArtifact(project.dir, async (artifact, container) => {
      expect(artifact.result.warnings).toEqual(expect.arrayContaining([
        expect.stringMatching(/^view engine hbs shipped unbundled: bundling them failed \(node_modules\/old-source-map\/lib\/source-map\/generator\.js passes its require\(\) to another function \(amdefine-style\), which a bundle cannot follow\)/),
      ]));
      expect(artifact.result.files).toEqual(expect.arrayContaining(['node_modules/old-source-map/lib/source-map/base64-vlq.js', 'node_modules/amdefine/index.js']));
      const r = await get(functionUrlClient(container), '/');
      expect(r).toMatchObject({ status: 200, text: '<h1>Home</h1> vlq:7' });
    });
  } finally {
    project.cleanup();
  }
});

/** yargs 17 as nconf loads it: its index hands `require` alone to its parser, to load config files by the paths its user gives. */
const YARGS_LIKE = {
  'node_modules/args-lib/package.json': pkg('args-lib'),
  'node_modules/args-lib/index.cjs': `const { Parser } = require('./build/index.cjs');\nmodule.exports = function Argv(args, cwd) { return Parser(args, cwd, require); };\n`,
  'node_modules/args-lib/build/index.cjs': `exports.Parser = (args, cwd, req) => ({ args, load: (file) => req(file) });\n`,
};

test('the app itself loading an amdefine package: zap package warns, naming the module and the "external" fix; a package handing on require alone (yargs) does not', async () => {
  const app = `const map = require('old-source-map');\nconst argv = require('args-lib/index.cjs')([]);\nconst app = require('express')();\napp.get('/', (q, s) => s.send(map.encode(1) + argv.args.length));\nmodule.exports = app;\n`;
  const project = makeProject({ ...AMD, ...YARGS_LIKE, 'src/app.js': app }, {}, ['express']);
  try {
    const r = await packageApp(project.dir, await loadStage(project.dir, 'dev'), { verify: false });
    expect(r.warnings).toContain(
      'node_modules/old-source-map/lib/source-map/generator.js passes its require() to another function (amdefine-style), so what it loads that way is not in the bundle and fails on Lambda; ' +
        'add "old-source-map" (or the dependency of yours that uses it) to "external" in zap.json',
    );
    expect(r.warnings.filter((w) => w.includes('args-lib'))).toEqual([]);
  } finally {
    project.cleanup();
  }
});

test('a native addon required with a pure-JS fallback (bcrypt, else bcryptjs) fails packaging with exit 2, naming the file that requires it', async () => {
  const project = makeProject(
    {
      'node_modules/fake-bcrypt/package.json': pkg('fake-bcrypt', { dependencies: { 'node-gyp-build': '^4.8.0' } }),
      'node_modules/fake-bcrypt/index.js': `module.exports = require('node-gyp-build')(__dirname);\n`,
      'routes/users.js': `let bcrypt;\ntry {\n  bcrypt = require('fake-bcrypt');\n} catch (err) {\n  bcrypt = { hash: async (s) => s };\n}\nmodule.exports = (app) => app.get('/u', (q, s) => s.json({ ok: !!bcrypt }));\n`,
      'src/app.js': `const app = require('express')();\nrequire('../routes/users')(app);\nmodule.exports = app;\n`,
    },
    {},
    ['express', 'node-gyp-build'],
  );
  try {
    const err = await packageApp(project.dir, await loadStage(project.dir, 'dev'), { verify: false }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'UserError', exitCode: 2 });
    expect((err as Error).message).toBe(
      `native addon cannot be bundled: fake-bcrypt (required by routes/users.js). Add "fake-bcrypt" to "external" in zap.json (stage 'dev') so it is copied from node_modules, built for Linux arm64.`,
    );
  } finally {
    project.cleanup();
  }
});

test("an app that writes in its code folder at boot (morgan's log file, as morgan's README shows) fails packaging with exit 2: Lambda's is read-only", async () => {
  const app = [
    `var express = require('express')`,
    `var fs = require('fs')`,
    `var morgan = require('morgan')`,
    `var path = require('path')`,
    `var app = express()`,
    `var accessLogStream = fs.createWriteStream(path.join(__dirname, 'access.log'), { flags: 'a' })`,
    `app.use(morgan('combined', { stream: accessLogStream }))`,
    `app.get('/', function (req, res) { res.send('hello, world!') })`,
    `module.exports = app`,
  ].join('\n');
  const project = makeProject({ 'src/app.js': app }, {}, ['express', 'morgan']);
  try {
    const err = await packageApp(project.dir, await loadStage(project.dir, 'dev')).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'UserError', exitCode: 2 });
    expect((err as Error).message).toBe(
      "the app failed to boot (Error: EROFS: read-only file system, open 'src/access.log'): it writes src/access.log in its code folder at boot, " +
        "and Lambda's code folder (/var/task) is read-only: write under os.tmpdir() (/tmp) instead, or log to stdout",
    );
  } finally {
    project.cleanup();
  }
});

test('a write into the code folder that the boot starts without awaiting (a log folder made when missing, by callbacks, as rotating-file-stream does) fails packaging too', async () => {
  const app = [
    `const express = require('express');`,
    `const fs = require('fs');`,
    `const path = require('path');`,
    `const logDir = path.join(__dirname, 'logs');`,
    `fs.access(logDir, (missing) => { if (missing) fs.mkdir(logDir, { recursive: true }, (err) => { if (err) throw err; }); });`,
    `const app = express();`,
    `app.get('/', (req, res) => res.send('ok'));`,
    `module.exports = app;`,
  ].join('\n');
  const project = makeProject({ 'src/app.js': app }, {}, ['express']);
  try {
    const err = await packageApp(project.dir, await loadStage(project.dir, 'dev')).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'UserError', exitCode: 2 });
    expect((err as Error).message).toMatch(/^the app failed to boot \(Error: EROFS: read-only file system, mkdir '.*src\/logs'\): it writes src\/logs in its code folder at boot/);
  } finally {
    project.cleanup();
  }
});

test('a SQLite database shipped in the repository and opened read-write from native code (node:sqlite here; better-sqlite3 and sqlite3 alike) is a warning: on Lambda its writes fail', async () => {
  const app = [
    `const express = require('express');`,
    `const path = require('path');`,
    `const { DatabaseSync } = require('node:sqlite');`,
    `const db = new DatabaseSync(path.join(__dirname, '..', 'data', 'app.db'));`,
    `const app = express();`,
    `app.get('/', (req, res) => res.json(db.prepare('select 1 as one').get()));`,
    `module.exports = app;`,
  ].join('\n');
  // An empty file is an empty SQLite database.
  const project = makeProject({ 'src/app.js': app, 'data/app.db': '' }, {}, ['express']);
  try {
    const r = await packageApp(project.dir, await loadStage(project.dir, 'dev'));
    expect(r.files).toContain('data/app.db');
    expect(r.warnings).toContainEqual(expect.stringMatching(/^the app opens data\/app\.db for writing at boot from native code .*every write fails \("attempt to write a readonly database"/));
  } finally {
    project.cleanup();
  }
});

test('a write the app survives (a folder it makes if missing, in a try) is a warning, and writes under /tmp pass', async () => {
  const app = [
    `const express = require('express');`,
    `const fs = require('fs');`,
    `const os = require('os');`,
    `const path = require('path');`,
    `try { fs.mkdirSync(path.join(__dirname, '..', 'cache')); } catch (err) { console.warn('no cache folder:', err.code); }`,
    `fs.writeFileSync(path.join(os.tmpdir(), 'zap-boot-write-' + process.pid), 'ok');`,
    `const app = express();`,
    `app.get('/', (req, res) => res.send('ok'));`,
    `module.exports = app;`,
  ].join('\n');
  const project = makeProject({ 'src/app.js': app }, {}, ['express']);
  try {
    const r = await packageApp(project.dir, await loadStage(project.dir, 'dev'));
    expect(r.warnings).toContain(
      "the app tried to write cache in its code folder at boot and booted without it; Lambda's code folder (/var/task) is read-only, so the write fails there too: write under os.tmpdir() (/tmp) instead, or log to stdout",
    );
  } finally {
    project.cleanup();
  }
});

test("a package's require that climbs out of its folder (less's plugin loader) and one of a file it does not install (stylus's lib-cov) stay run-time requires, as under node", async () => {
  const project = makeProject(
    {
      'node_modules/plugin-host/package.json': pkg('plugin-host', { main: 'lib/node/index.js' }),
      'node_modules/plugin-host/lib/node/index.js': `exports.load = require('./plugin-loader');\nexports.kind = require('./kinds/' + 'css');\n`,
      'node_modules/plugin-host/lib/node/kinds/css.js': `module.exports = 'css';\n`,
      'node_modules/plugin-host/lib/node/plugin-loader.js': [
        `module.exports = function (name) {`,
        `  try {`,
        `    return require("../../../" + name);`,
        `  } catch (e) {`,
        `    return null;`,
        `  }`,
        `};`,
      ].join('\n'),
      'node_modules/styl/package.json': pkg('styl'),
      'node_modules/styl/index.js': `module.exports = process.env.STYL_COV\n  ? require('./lib-cov/styl')\n  : require('./lib/styl');\n`,
      'node_modules/styl/lib/styl.js': `exports.render = (s) => s.toUpperCase();\n`,
      'src/app.js': [
        `const express = require('express');`,
        `const host = require('plugin-host');`,
        `const styl = require('styl');`,
        `const app = express();`,
        `app.get('/', (req, res) => res.json({ plugin: host.load('no-such-plugin'), kind: host.kind, css: styl.render('a{}') }));`,
        `module.exports = app;`,
      ].join('\n'),
    },
    {},
    ['express'],
  );
  try {
    await withServedArtifact(project.dir, async (artifact, container) => {
      expect(artifact.result.files.filter((f) => /LICENSE/.test(f))).toEqual([]);
      expect(JSON.parse((await get(functionUrlClient(container), '/')).text)).toEqual({ plugin: null, kind: 'css', css: 'A{}' });
    });
  } finally {
    project.cleanup();
  }
});

test("express-generator's --css=less app (less-middleware writing into public/) fails packaging with exit 2, naming the file and the fix; output sent to the temp folder passes", async () => {
  const files = (dest: string) => ({
    'node_modules/less-middleware/package.json': pkg('less-middleware'),
    'node_modules/less-middleware/index.js': `module.exports = (src, opts) => (req, res, next) => next();\n`,
    'app.js': [
      `var express = require('express');`,
      `var path = require('path');`,
      `var lessMiddleware = require('less-middleware');`,
      `var app = express();`,
      `app.use(lessMiddleware(path.join(__dirname, 'public')${dest}));`,
      `app.use(express.static(path.join(__dirname, 'public')));`,
      `module.exports = app;`,
    ].join('\n'),
  });
  const writes = makeProject(files(''), { app: 'app.js' }, ['express']);
  const toTemp = makeProject(files(`, { dest: require('os').tmpdir() }`), { app: 'app.js' }, ['express']);
  try {
    const err = await packageApp(writes.dir, await loadStage(writes.dir, 'dev'), { verify: false }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'UserError', exitCode: 2 });
    expect((err as Error).message).toBe(
      "app.js uses less-middleware, which writes compiled CSS into the code folder on request, and Lambda's code folder is read-only (the CSS would answer 500): " +
        'compile the CSS before deploying (npx lessc public/stylesheets/style.less public/stylesheets/style.css) and remove the middleware',
    );
    await expect(packageApp(toTemp.dir, await loadStage(toTemp.dir, 'dev'), { verify: false })).resolves.toMatchObject({ bytes: expect.any(Number) });
  } finally {
    writes.cleanup();
    toTemp.cleanup();
  }
});
