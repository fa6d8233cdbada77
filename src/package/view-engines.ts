import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Engines Express loads by name for `app.set('view engine', X)` (`require(ext).__express` in
 * express/lib/view.js), which no bundler can follow: zap bundles the ones the project depends on
 * and serves that require() from the bundle (bundleEngines below).
 */
const ENGINES_LOADED_BY_NAME = ['ejs', 'pug', 'jade', 'hbs', 'twig', 'squirrelly', 'swig', 'vash', 'haml', 'hjs', 'teacup'];

export function viewEnginesIn(projectDir: string): string[] {
  let pkg: { dependencies?: Record<string, string> };
  try {
    pkg = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as typeof pkg;
  } catch {
    return [];
  }
  const deps = Object.keys(pkg.dependencies ?? {});
  return ENGINES_LOADED_BY_NAME.filter((engine) => deps.includes(engine));
}

export interface EnginesBundled<T> {
  bundled: T;
  /** The packages kept out of the bundle, the engines among them when they were not bundled. */
  external: string[];
  /** Why the engines ship unbundled, when they do. */
  engineNote?: string;
}

/**
 * Bundles the view engines with the app (zap.json bundle_view_engines, on by default): the adapter
 * serves Express's require(name) from the bundle, so the compile cache covers the engine, which
 * unbundled compiles from source file by file on the first render (for pug and its parser, most of
 * the first answer). Setting off, or a bundle that fails with them (an engine's own require that
 * esbuild cannot resolve), they ship unbundled from node_modules as before.
 */
export async function bundleEngines<T>(
  engines: string[],
  settings: { external: string[]; bundle_view_engines?: boolean },
  build: (engines: string[], external: string[]) => Promise<T>,
): Promise<EnginesBundled<T>> {
  const unbundled = async (why: string): Promise<EnginesBundled<T>> => {
    const external = [...settings.external, ...engines];
    const engineNote = `view engine${engines.length > 1 ? 's' : ''} ${engines.join(', ')} shipped unbundled: ${why}`;
    return { bundled: await build([], external), external, engineNote };
  };
  if (engines.length === 0) return { bundled: await build([], settings.external), external: settings.external };
  if (settings.bundle_view_engines === false) return unbundled('Express loads them by name, and bundle_view_engines is false');
  try {
    return { bundled: await build(engines, settings.external), external: settings.external };
  } catch (err) {
    return unbundled(`bundling them failed (${(err instanceof Error ? err.message : String(err)).split('\n')[0]}); set bundle_view_engines to false to skip the attempt`);
  }
}
