/**
 * Modules the app loads at boot by a path no analysis follows (a package's glob loader:
 * @graphql-tools/load-files' resolvers, TypeORM's `entities: [__dirname + '/entity/*.js']`) ship as
 * plain files and run outside the bundle, where the packages they require are not installed. When
 * the boot fails that way, zap packages once more with those modules bundled, as `include` bundles
 * modules, so the app ships as its authors wrote it instead of stopping with a setting to add.
 * Packages the boot loaded from the project's node_modules by a require() left to run time
 * (boot-packages.ts: Sequelize's `sqlite3`, knex's `pg`) ship the same way, as "external".
 */
import type { StageSettings } from '../settings/types';

export const BOOT_MODULE_REASON = 'bundled: loaded at boot by a path zap could not follow';

const MODULE = /\.[cm]?[jt]sx?$/;

/** The JavaScript/TypeScript modules among the files the boot check shipped. */
export function bootModules(shipped: string[]): string[] {
  return shipped.filter((f) => MODULE.test(f) && !f.endsWith('.d.ts'));
}

/** The same stage with the boot's modules added to `include` (each by its own path, nothing else). */
export function withBootModules(settings: StageSettings, modules: string[]): StageSettings {
  return { ...settings, include: [...new Set([...settings.include, ...modules])] };
}

/** Says why each boot module ships, in place of the `include` reason the second packaging gave it. */
export function markBootModules(files: Map<string, string>, modules: string[] | undefined): void {
  for (const f of modules ?? []) if (files.has(f)) files.set(f, BOOT_MODULE_REASON);
}

/** The same stage with the packages the boot loaded from node_modules added to `external`. */
export function withBootPackages(settings: StageSettings, packages: string[]): StageSettings {
  return { ...settings, external: [...new Set([...settings.external, ...packages])] };
}

export function bootPackagesNote(packages: string[], stage: string): string {
  const list = packages.map((p) => `"${p}"`).join(', ');
  return `${list} ${packages.length > 1 ? 'are' : 'is'} loaded at boot by a require() the bundle leaves to run time (a driver chosen by name, as Sequelize and knex do): shipped from node_modules as if listed in "external" in zap.json (stage '${stage}'); list ${packages.length > 1 ? 'them' : 'it'} there to say so`;
}
