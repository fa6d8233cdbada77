/**
 * A package module that hands its own `require` to another function, as amdefine's
 * `var define = require('amdefine')(module, require)` does (source-map 0.1-0.4, which clean-css 3
 * and so pug 2 load), requires its siblings through that function, where no bundler can see them:
 * in a bundle the calls resolve from the bundle's folder and fail at run time. Such a package must
 * ship as files from node_modules (`external`).
 */
import { packageOf } from './packages';

/**
 * `require` passed as an argument together with the module it belongs to: `fn(module, require)`, the
 * pair a loader needs to resolve the caller's siblings. `require` alone passed on (yargs hands it to
 * its parser to load config files by the paths its user gives) loads what the app names, not the
 * package's own files, so it is not this case.
 */
const HANDED = /[(,]\s*module\s*,\s*require\s*[,)]|[(,]\s*require\s*,\s*module\s*[,)]/;

export function handsRequireAway(source: string): boolean {
  return HANDED.test(source);
}

/** One warning per package whose bundled modules hand their require away. */
export function requireHandedNotes(modules: string[]): string[] {
  const byPackage = new Map<string, string>();
  for (const m of modules) {
    const pkg = packageOf(m);
    if (pkg && !byPackage.has(pkg.name)) byPackage.set(pkg.name, m);
  }
  return [...byPackage].map(
    ([name, m]) =>
      `${m} passes its require() to another function (amdefine-style), so what it loads that way is not in the bundle and fails on Lambda; ` +
      `add "${name}" (or the dependency of yours that uses it) to "external" in zap.json`,
  );
}

/** Thrown while bundling view engines, so that they ship unbundled from node_modules instead. */
export function requireHandedError(modules: string[]): Error {
  const many = modules.length > 1;
  return new Error(`${modules[0]}${many ? ` and ${modules.length - 1} more pass their` : ' passes its'} require() to another function (amdefine-style), which a bundle cannot follow`);
}
