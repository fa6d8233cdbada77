/**
 * esbuild bundles `require('./types/' + type)` by taking every file the prefix could reach. A
 * package whose prefix climbs out of its own folder, as less's plugin loader does with
 * `require("../../../" + name)` (node_modules itself), would pull every file of node_modules into
 * the bundle, LICENSE files included, and the build fails. Such a prefix is moved into a variable,
 * so the call stays a run-time require (reported like any computed require) and the package's
 * own `'./x/' + name` requires are still bundled.
 */
import { posix } from 'node:path';
import { packageOf } from './packages';
import { insertAfterDirectives } from './source-edit';

const SITE = /\brequire\(\s*(['"])((?:\.\.?\/)+[^'"\n]*)\1\s*\+/g;

/** `rel`: the module's project-relative path. Source unchanged unless a prefix leaves the package. */
export function keepEscapingRequiresComputed(source: string, rel: string): string {
  const pkg = packageOf(rel);
  if (!pkg || !source.includes('require(')) return source;
  const decls: string[] = [];
  const out = source.replace(SITE, (site, _q: string, prefix: string) => {
    const reach = posix.normalize(posix.join(posix.dirname(rel), prefix));
    if (reach === pkg.dir || reach.startsWith(pkg.dir + '/')) return site;
    const name = `__zapPrefix${decls.length}`;
    decls.push(`${name}=${JSON.stringify(prefix)}`);
    return `require(${name} +`;
  });
  return decls.length ? insertAfterDirectives(out, `var ${decls.join(',')};`) : source;
}
