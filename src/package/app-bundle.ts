/**
 * The app bundle together with the files the app reads at run time. esbuild bundles once; nft
 * traces from what it bundled; when the app loads local modules by a computed path, esbuild
 * bundles again with those modules as lazy entries and the computed calls pointed at each
 * module's own require. Most apps need the one pass.
 */
import type { Metafile } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleApp, type BundleInput, type BundleResult } from './bundle';
import { artifactPath, dirnamePlugin } from './dirname-plugin';
import { computedSites, registryPlugin, registrySource, rewriteSites, siteLocals, type Site } from './computed-requires';
import { insertAfterDirectives } from './source-edit';
import { traceRunTimeFiles } from './trace';
import { cwdPathsIn, defaultViews } from './express-paths';
import { isGenerated, namedFoldersIn } from './named-folders';
import { runTimeFiles, type RunTimeFiles } from './run-time-files';
import { computedRequireNotes, isExpressViewRequire } from './diagnose';
import { handsRequireAway } from './require-handed';
import { handsOutOwnFolder, ownFolderPaths } from './own-folder';
import { keepEscapingRequiresComputed } from './escaping-requires';
import { compileOnRequestProblems } from './compile-on-request';

export interface AppBundleInput extends Omit<BundleInput, 'plugins'> {
  /** zap's adapter, bundled with the app (it serves computed requires). */
  adapter: string;
  /** Names the artifact uses itself, never taken by a run-time file. */
  reserved: Set<string>;
  /** View engines Express loads by name, bundled and served to its require() (src/package/view-engines.ts). */
  engines?: string[];
}

export interface AppBundle {
  built: BundleResult;
  runTime: RunTimeFiles;
  /** Computed require()/import() calls zap could not serve from the bundle, one note each. */
  computedNotes: string[];
  /** Bundled package modules that pass their require() to another function (require-handed.ts). */
  requireHanded: string[];
  /** Project files mounting a CSS middleware that writes into the code folder (compile-on-request.ts). */
  writesOnRequest: string[];
}

const isNodeModules = (p: string) => /(^|\/)node_modules\//.test(p);
const COMPUTED = new Set(['unsupported-require-call', 'unsupported-dynamic-import']);

/** Bundle inputs that are files in the project, project-relative (metafile keys are relative to the project). */
function projectInputs(projectDir: string, metafile: Metafile): string[] {
  return Object.keys(metafile.inputs).filter((k) => !k.includes(':') && !k.startsWith('..') && !k.startsWith('<') && existsSync(join(projectDir, k)));
}

export async function bundleWithRunTimeFiles(input: AppBundleInput, settings: { include: string[]; exclude: string[] }): Promise<AppBundle> {
  const { projectDir } = input;
  let sites = new Map<string, Site[]>();
  let modules: string[] = [];
  const seen = new Set<string>();
  const handed = new Set<string>();
  const ownFolders = new Set<string>();
  const plugins = () => [
    dirnamePlugin({
      projectDir,
      bundle: input.bundle,
      seen,
      onSource: (path, source) => {
        if (!isNodeModules(path)) return;
        if (handsRequireAway(source)) handed.add(artifactPath(projectDir, path));
        if (handsOutOwnFolder(source)) ownFolders.add(artifactPath(projectDir, path));
      },
      edit: (path, loaded) => {
        const contents = isNodeModules(path) ? keepEscapingRequiresComputed(loaded, artifactPath(projectDir, path)) : loaded;
        const at = sites.get(path);
        return at ? insertAfterDirectives(rewriteSites(contents, at), siteLocals(artifactPath(projectDir, path))) : contents;
      },
    }),
    registryPlugin(projectDir, () => registrySource(modules, input.adapter, input.engines)),
  ];
  const first = await bundleApp({ ...input, plugins: plugins() });

  const inputs = projectInputs(projectDir, first.metafile);
  const own = inputs.filter((p) => !isNodeModules(p));
  const packageModules = [...seen].map((p) => artifactPath(projectDir, p)).filter((p) => isNodeModules(p) && !p.startsWith('..'));
  const traced = await traceRunTimeFiles(projectDir, own, packageModules);
  const found = computedSites(projectDir, first.warnings);
  const computedFiles = new Set([...found.keys()].map((f) => artifactPath(projectDir, f)));
  const texts = new Map(own.map((p) => [p, readFileSync(join(projectDir, p), 'utf8')]));
  const views = defaultViews(projectDir, [...texts.values()]);
  const runTime = runTimeFiles({
    projectDir,
    include: settings.include,
    exclude: settings.exclude,
    external: input.external,
    traced,
    bundled: new Set(inputs),
    computedSites: computedFiles,
    packagesLoadByPath: first.warnings.some((w) => COMPUTED.has(w.id) && isNodeModules(w.location?.file ?? '') && !isExpressViewRequire(w)),
    cwdPaths: [
      ...[...texts.values()].flatMap((t) => cwdPathsIn(projectDir, t)),
      ...(views ? [views] : []),
      ...[...texts].filter(([p]) => !isGenerated(p)).flatMap(([, t]) => namedFoldersIn(projectDir, t)),
      ...ownFolderPaths([...ownFolders].filter((m) => m in first.metafile.inputs && !m.startsWith('..')), input.external),
    ],
    reserved: input.reserved,
    source: (p) => texts.get(p),
  });
  // A computed call is followed when zap bundled what it loads: traced from it, or listed in include.
  const included = runTime.modules.some((m) => runTime.files.get(m)?.startsWith('include'));
  const followed = new Set(included ? computedFiles : traced.filter((t) => runTime.modules.includes(t.path)).flatMap((t) => t.parents));
  const done = (built: BundleResult): AppBundle => ({
    built,
    runTime,
    computedNotes: computedRequireNotes([...first.warnings, ...built.warnings], followed),
    requireHanded: [...handed].filter((m) => m in built.metafile.inputs).sort(),
    writesOnRequest: compileOnRequestProblems(texts),
  });
  if (found.size === 0 && runTime.modules.length === 0) return done(first);

  sites = found;
  modules = runTime.modules;
  try {
    return done(await bundleApp({ ...input, plugins: plugins() }));
  } catch (err) {
    if (modules.length === 0) throw err;
    // A traced "module" that does not bundle (e.g. a browser script beside the controllers) still ships as a file.
    const dropped = modules;
    modules = [];
    const built = await bundleApp({ ...input, plugins: plugins() });
    runTime.warnings.push(`could not bundle ${dropped.join(', ')} (${(err as Error).message.split('\n')[1]?.trim() ?? 'build error'}): they ship as files and load outside the bundle`);
    return done(built);
  }
}
