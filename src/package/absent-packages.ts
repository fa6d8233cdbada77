/**
 * A package's require() of another package that is not installed: an optional peer it loads only
 * when asked (routing-controllers' `require('cors')` behind its `cors` option, an ORM's drivers,
 * a logger's transports). Under node the call fails only if it runs, so the bundle keeps it as a
 * run-time require and fails at the same moment, with Node's own "Cannot find module". A missing
 * import in the project's own code stays a build error (src/package/diagnose.ts), and one that
 * runs at boot fails the boot check.
 */
import type { Message } from 'esbuild';
import { packageOf } from './packages';

export interface AbsentImport {
  specifier: string;
  /** The package that asks for it. */
  by: string;
  at: string;
}

const isBare = (s: string) => !/^(\.{1,2}(\/|$)|\/|[a-zA-Z]:[\\/]|node:)/.test(s);

/** The absent imports when every error is one (all made by packages), else undefined. */
export function absentInPackages(errors: Message[]): AbsentImport[] | undefined {
  const found: AbsentImport[] = [];
  for (const e of errors) {
    const specifier = /^Could not resolve "([^"]+)"/.exec(e.text)?.[1];
    const pkg = e.location ? packageOf(e.location.file) : undefined;
    if (!specifier || !pkg || !isBare(specifier)) return undefined;
    found.push({ specifier, by: pkg.name, at: `${e.location?.file}:${e.location?.line}` });
  }
  return found.length ? found : undefined;
}

/** "@scope/pkg/sub/path" → "@scope/pkg"; "pkg/sub" → "pkg". */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** One note per absent package: who asks for it, where first, and what happens. */
export function absentNotes(absent: readonly AbsentImport[]): string[] {
  const byPackage = new Map<string, AbsentImport[]>();
  for (const a of absent) byPackage.set(packageName(a.specifier), [...(byPackage.get(packageName(a.specifier)) ?? []), a]);
  return [...byPackage].map(([name, all]) => {
    const askers = [...new Set(all.map((a) => a.by))];
    return (
      `"${name}" is not installed: ${askers.join(', ')} require${askers.length > 1 ? '' : 's'} it (${all[0]?.at}); ` +
      `the require() is left to run time, where it fails only if it runs, as under node; if your app uses it, run \`npm i ${name}\``
    );
  });
}
