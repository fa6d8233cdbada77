/** Packaging's pure pieces: app references, layout, globs, package names. */
import { parseAppRef } from '../../src/package/app-ref';
import { bundlePath, rootStub } from '../../src/contracts/layout';
import { globToRegExp, matchGlobs } from '../../src/package/glob';
import { contributorOf, packageOf } from '../../src/package/packages';

test('app references: path#export, default when no #', () => {
  expect(parseAppRef('src/app.ts#app')).toEqual({ file: 'src/app.ts', exportName: 'app' });
  expect(parseAppRef('./app.js')).toEqual({ file: 'app.js', exportName: 'default' });
  expect(parseAppRef('lib/x.js#')).toEqual({ file: 'lib/x.js', exportName: 'default' });
});

test("the bundle sits in the app module's folder, with a root stub when that is not the root", () => {
  expect(bundlePath('src/app.ts')).toBe('src/zap-app.cjs');
  expect(bundlePath('app.js')).toBe('zap-app.cjs');
  expect(rootStub('zap-app.cjs')).toBeUndefined();
  expect(rootStub('src/zap-app.cjs')).toBe('module.exports = require("./src/zap-app.cjs");\n');
});

test('globs', () => {
  expect(globToRegExp('views/**').test('views/a/b.html')).toBe(true);
  expect(globToRegExp('views/*.html').test('views/a/b.html')).toBe(false);
  expect(globToRegExp('**/*.json').test('a/b/c.json')).toBe(true);
  expect(globToRegExp('**/*.json').test('c.json')).toBe(true);
  expect(globToRegExp('{a,b}/x.txt').test('b/x.txt')).toBe(true);
  expect(globToRegExp('file.txt').test('fileXtxt')).toBe(false);
  expect(matchGlobs(['public/a.css', 'public/img/b.png', 'src/x.ts'], ['public'])).toEqual(['public/a.css', 'public/img/b.png']);
  expect(matchGlobs(['public/a.css', 'public/img/b.png'], ['public/'])).toEqual(['public/a.css', 'public/img/b.png']);
});

test('package names from bundle inputs', () => {
  expect(packageOf('node_modules/express/lib/x.js')).toEqual({ name: 'express', dir: 'node_modules/express' });
  expect(packageOf('../../node_modules/@scope/pkg/a.js')).toEqual({ name: '@scope/pkg', dir: '../../node_modules/@scope/pkg' });
  expect(packageOf('node_modules/a/node_modules/b/i.js')?.name).toBe('b');
  expect(packageOf('src/app.ts')).toBeUndefined();
  expect(contributorOf('../dist/runtime/adapter.js')).toMatch(/zap adapter/);
  expect(contributorOf('src/app.ts')).toBe('src/app.ts');
});
