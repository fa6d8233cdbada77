/** The pure pieces behind run-time files: source edits, report lines, cwd paths, computed-call sites, boot verdicts. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Message } from 'esbuild';
import { insertAfterDirectives } from '../../src/package/source-edit';
import { moduleLocals } from '../../src/package/dirname-plugin';
import { formatLine, runTimeLines } from '../../src/package/run-time-lines';
import { cwdPathsIn, defaultViews } from '../../src/package/express-paths';
import { computedSites, rewriteSites } from '../../src/package/computed-requires';
import { asError, asWarning, judgeBootFiles } from '../../src/package/boot-files';
import { runTimeFiles, type RunTimeInput } from '../../src/package/run-time-files';
import { removeDir, tempDir } from '../helpers/artifact';

let dir: string;
beforeAll(() => {
  dir = tempDir('rt-pure');
  for (const f of ['views/a.ejs', 'views/partials/h.ejs', 'data/x.json', 'data/y.json', 'data/z.json', 'public/s.css', 'config/app.json', 'node_modules/p/index.js']) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), '');
  }
});
afterAll(() => removeDir(dir));

test('declarations go after the hashbang and directives, on the line where code starts', () => {
  expect(insertAfterDirectives('#!/usr/bin/env node\n"use strict";\nconst a = 1;\n', 'var x;')).toBe('#!/usr/bin/env node\n"use strict";\n;var x;const a = 1;\n');
  expect(insertAfterDirectives("// c\n'use strict'\nfoo()", 'var x;')).toBe("// c\n'use strict'\n;var x;foo()");
  expect(insertAfterDirectives("'abc'.split('')", 'var x;')).toBe(";var x;'abc'.split('')");
  expect(insertAfterDirectives('a()', '')).toBe('a()');
});

test('a module gets only the locals it mentions, from its project-relative path', () => {
  expect(moduleLocals('path.join(__dirname, "v")', 'lib/boot.js')).toBe('var __zapDirname=__zapPath("lib");');
  expect(moduleLocals('new URL("../d.json", import.meta.url); __filename', 'app.mjs')).toBe('var __zapFilename=__zapPath("app.mjs"),__zapMetaUrl=__zapFileUrl("app.mjs");');
  expect(moduleLocals('module.exports = 1', 'a.js')).toBe('');
});

test('report lines: a folder shipped whole for one reason is one line; a part of a folder says how much; single files stand alone', () => {
  const files = new Map([
    ['views/a.ejs', 'traced from app.js'],
    ['views/partials/h.ejs', 'traced from app.js'],
    ['data/x.json', 'traced from app.js'],
    ['data/y.json', 'traced from app.js'],
    ['config/app.json', 'shipped: the app reads it at boot'],
  ]);
  expect(runTimeLines(dir, files).map(formatLine)).toEqual([
    'config/app.json: shipped: the app reads it at boot',
    'data/ (2 files): traced from app.js; 2 of its 3 files',
    'views/ (2 files): traced from app.js',
  ]);
});

test('paths Express and fs resolve against the working directory, only when they exist in the project', () => {
  const src = `app.use(express.static('public'));\napp.set('views', 'views');\nres.sendFile('s.css', { root: 'public' });\nfs.readFileSync('./data/x.json');\nexpress.static('missing');\nexpress.static('/abs');\nfs.readFileSync('node_modules/p/index.js');`;
  expect(cwdPathsIn(dir, src).map((p) => `${p.path} ← ${p.reason}`)).toEqual([
    "public ← express.static('public')",
    "views ← app.set('views', 'views')",
    "public ← { root: 'public' }",
    "data/x.json ← fs read of './data/x.json' (relative to the working directory)",
  ]);
  expect(defaultViews(dir, ["res.render('a')"])).toEqual({ path: 'views', reason: "Express's default views folder" });
  expect(defaultViews(dir, ["app.set('views', x); res.render('a')"])).toBeUndefined();
  expect(defaultViews(dir, ['res.json(1)'])).toBeUndefined();
});

test("computed calls in project files (not packages') are located in characters and pointed at the module's own require", () => {
  const line = "const é = 1; const m = require(name);";
  const warn = (file: string, id: string, column: number, lineText: string): Message =>
    ({ id, text: '', pluginName: '', notes: [], detail: undefined, location: { file, namespace: 'file', line: 2, column, length: 7, lineText, suggestion: '' } }) as Message;
  const sites = computedSites(dir, [
    warn('lib/boot.js', 'unsupported-require-call', Buffer.byteLength(line.slice(0, line.indexOf('require'))), line),
    warn('node_modules/p/index.js', 'unsupported-require-call', 0, 'require(x)'),
    warn('src/a.ts', 'unsupported-dynamic-import', 6, 'await import(p)'),
  ]);
  expect([...sites.keys()]).toEqual([join(dir, 'lib/boot.js'), join(dir, 'src/a.ts')]);
  expect(rewriteSites(`// x\n${line}\n`, sites.get(join(dir, 'lib/boot.js'))!)).toBe('// x\nconst é = 1; const m = __zapRequire(name);\n');
  expect(rewriteSites('x\nawait import(p)', sites.get(join(dir, 'src/a.ts'))!)).toBe('x\nawait __zapImport(p)');
});

test('boot reads: what the project has ships; excluded and outside files are named with their fix; what nobody has is left alone', () => {
  const stage = join(dir, '.zap', 'dev', 'boot-check-1');
  const verdict = judgeBootFiles(dir, stage, { missing: [join(stage, 'config/app.json'), join(stage, 'views'), join(stage, 'nope.json'), join(stage, 'data/x.json')], outside: ['/abs/in/project.json'] }, ['data/**'], 'dev');
  expect(verdict.ship).toEqual(['config/app.json', 'views/a.ejs', 'views/partials/h.ejs']);
  expect(verdict.unshippable.map(asError)).toEqual([
    `data/x.json is left out by "exclude" in zap.json (stage 'dev'): remove the glob that matches it`,
    '/abs/in/project.json is read by an absolute path into the project, which does not exist on Lambda: build the path from __dirname or process.cwd()',
  ]);
  expect(asWarning(verdict.unshippable[0]!)).toBe(`the app looked for data/x.json at boot and booted without it: it is left out by "exclude" in zap.json (stage 'dev')`);
});

test('a file the app reads from a workspace package beside it (npm workspaces): the fix is to deploy from the workspace root', () => {
  const repo = tempDir('monorepo');
  try {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['packages/*'] }),
      'packages/shared/package.json': JSON.stringify({ name: '@acme/shared', main: 'index.js' }),
      'packages/shared/messages.json': '{}',
      'packages/api/package.json': JSON.stringify({ name: '@acme/api', main: 'src/server.js' }),
    };
    for (const [f, text] of Object.entries(files)) {
      mkdirSync(join(repo, f, '..'), { recursive: true });
      writeFileSync(join(repo, f), text);
    }
    const project = join(repo, 'packages/api');
    const stage = join(project, '.zap', 'dev', 'boot-check-1');
    const verdict = judgeBootFiles(project, stage, { missing: [join(stage, '../shared/messages.json')], outside: [] }, [], 'dev', 'src/server.js');
    expect(verdict.unshippable.map(asError)).toEqual([
      `${join(repo, 'packages/shared/messages.json')} is outside the project, so it cannot ship at the path the app reads it from (../ past the artifact's root): ` +
        'it is in the workspace ../.. (packages/shared/messages.json): deploy from the workspace root, where it is inside the project: `cd ../.. && zap init --app packages/api/src/server.js`',
    ]);
    // Outside any workspace the fix stays the plain one.
    mkdirSync(join(repo, 'plain/app'), { recursive: true });
    writeFileSync(join(repo, 'plain/shared.json'), '{}');
    rmSync(join(repo, 'package.json'));
    const alone = join(repo, 'plain/app');
    const verdictAlone = judgeBootFiles(alone, join(alone, '.zap/dev/b'), { missing: [join(alone, '.zap/dev/b/../shared.json')], outside: [] }, [], 'dev');
    expect(verdictAlone.unshippable.map((u) => u.fix)).toEqual(['move it into the project']);
  } finally {
    removeDir(repo);
  }
});

test('exclude removes traced, cwd and included files alike; computed-require targets are modules only when their loader has a computed call', () => {
  const input: RunTimeInput = {
    projectDir: dir,
    include: ['config/**'],
    exclude: ['data/y.json', 'config/**'],
    external: [],
    traced: [
      { path: 'data/x.json', kind: 'asset', parents: ['app.js'] },
      { path: 'data/y.json', kind: 'asset', parents: ['app.js'] },
      { path: 'controllers/a.js', kind: 'dependency', parents: ['lib/boot.js'] },
      { path: 'public/app.js', kind: 'dependency', parents: ['app.js'] },
      { path: 'node_modules/p/index.js', kind: 'dependency', parents: ['node_modules/q/i.js'] },
      { path: 'node_modules/p/data.bin', kind: 'asset', parents: ['node_modules/p/index.js'] },
    ],
    bundled: new Set(['app.js', 'lib/boot.js']),
    computedSites: new Set(['lib/boot.js']),
    packagesLoadByPath: false,
    cwdPaths: [{ path: 'public', reason: "express.static('public')" }],
    reserved: new Set(['index.js']),
    source: () => undefined,
  };
  const r = runTimeFiles(input);
  expect([...r.files.keys()].sort()).toEqual(['controllers/a.js', 'data/x.json', 'node_modules/p/data.bin', 'public/app.js', 'public/s.css']);
  expect(r.modules).toEqual(['controllers/a.js']);
  expect(r.files.get('public/s.css')).toBe("express.static('public')");
});
