import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { StageSettings } from '../settings/types';
import { packageRoot } from '../util/package-root';
import { parseAppRef, findAppModule } from './app-ref';
import { entrySource } from './entry';
import { bundleWithRunTimeFiles } from './app-bundle';
import { APP_BUNDLE, HANDLER, bundlePath } from '../contracts/layout';
import { missingExportError, projectWarnings } from './diagnose';
import { bundleEngines, viewEnginesIn } from './view-engines';
import { nativeAddonError, nativePackages } from './native';
import { optionalNativeNotes } from './optional-natives';
import { addonAbiError } from './native-abi';
import { compileHookNotes } from './compile-hooks';
import { schedulerWarnings } from './schedulers';
import { startFlagWarnings } from './start-flags';
import { findPackageDir } from './externals';
import { artifactEntries } from './entries';
import { biggestContributors, type Contributor } from './biggest';
import { deterministicZip, writeAtomically } from './zip';
import { bootCheckProblems } from './boot-check';
import { trimNotes } from './trim';
import { CACHE_FILE, cacheDir, cacheFileName, findLocalCache, sha256 as sha256Of } from './compile-cache';
import { runTimeLines, type RunTimeLine } from './run-time-lines';
import { bundleTasks, checkTasks } from './tasks';
import { TASKS_BUNDLE } from '../contracts/task';
import { fitCompileCache } from './cache-compile';
import { cachedPackage, type CachedBuild, type CacheOutcome } from './cache';
import { metafileFiles } from './cache-inputs';
import { requireHandedError, requireHandedNotes } from './require-handed';
import { UserError } from '../core/errors';
import { absentNotes } from './absent-packages';
import { checkAddons, unverifiedAddonsWarning } from './native-arch';
import { bootPackagesNote, markBootModules, withBootModules, withBootPackages } from './boot-modules';
import { workerPackages, workerPackagesNote } from './worker-packages';
import { bundleStartedFiles } from './started-files';
import { requireHookNotes } from './require-hooks';
import { realtimeWarnings } from './realtime';
import { isHandledResolverNote, operationHandlers, OPERATION_HANDLER_REASON } from './operation-handlers';
import { COMPILED_MODULE_REASON, COMPILED_NAME_REASON, compiledName, compiledNameSource, listedTypeScript } from './compiled-names';
import { unresolvedOwnImports } from './unbuilt';
import { withPlatformAddons } from './platform-addons';
import { devImportNotes } from './dev-imports';
import { staleBuildWarning } from './stale-build';

export { HANDLER, APP_BUNDLE } from '../contracts/layout';
export { formatLine, type RunTimeLine } from './run-time-lines';

export interface PackageOptions {
  /** A .zip path, or a folder for `<project>-<stage>.zip`. Default: `<project>/.zap/<stage>/`. */
  out?: string;
  /** Boot the bundle once in a fresh process: says how the app is obtained, and stops on a module that serves no app (default true). */
  verify?: boolean;
  /** Put in the compile cache kept from an earlier deploy for this very bundle (deploy asks for it; default false). */
  compileCache?: boolean;
  /** Reuse the last artifact of this stage when nothing it was built from changed (default true; ZAP_PACKAGE_CACHE=0 turns it off). */
  cache?: boolean;
}

export interface PackageResult {
  artifact: string;
  bytes: number;
  sha256: string;
  /** Lambda's handler setting for this artifact. */
  handler: string;
  /** Zip-relative path and size of the app bundle. */
  bundle: { path: string; bytes: number };
  /** Every entry in the zip, sorted. */
  files: string[];
  /** Files the app reads at run time that ship beside the bundle, one line per folder, with why. */
  run_time_files: RunTimeLine[];
  /** The five biggest contributors to the app bundle. */
  biggest: Contributor[];
  warnings: string[];
  /** What zap changed on purpose, e.g. data left out of the bundle; informational. */
  notes: string[];
  /** Scheduled tasks bundled (zap.json `events`), by name. */
  tasks?: string[];
  /** How the boot check obtained the app (export, promise, factory, captured listen(), after top-level await). */
  app_boot?: string;
  /** Whether a compile cache made earlier in the function's runtime for this very bundle is in the zip. */
  compile_cache: { setting: boolean; included: boolean; bundle_sha256: string; runtime?: string; runtime_version_arn?: string | null };
  duration_ms: number;
  /** Whether the last artifact was reused (src/package/cache.ts), and why or why not. */
  package_cache: CacheOutcome;
}

const ESM_NOTE = 'the app uses top-level await, so its bundle is ESM (zap-app.mjs): it loads without the V8 compile cache';

function artifactPath(projectDir: string, settings: StageSettings, out?: string): string {
  const name = `${settings.project_name}-${settings.stage}.zip`;
  if (!out) return join(projectDir, '.zap', settings.stage, name);
  const abs = isAbsolute(out) ? out : resolve(out);
  return abs.endsWith('.zip') ? abs : join(abs, name);
}

function runtimeFiles(): { index: string; adapter: string; capture: string; verify: string } {
  const dist = join(packageRoot(), 'dist', 'runtime');
  const files = { index: join(dist, 'index.js'), adapter: join(dist, 'adapter.js'), capture: join(dist, 'capture.js'), verify: join(dist, 'verify.js') };
  if (!Object.values(files).every((f) => existsSync(f))) {
    throw new Error(`zap's runtime is not built (${dist} is missing files): run \`npm run build\` in ${packageRoot()}`);
  }
  return files;
}

/** Bundles the app, gathers includes and externals, and writes a deterministic zip deploy can upload; or reuses the last one when nothing changed. */
export async function packageApp(dir: string, settings: StageSettings, opts: PackageOptions = {}): Promise<PackageResult> {
  const projectDir = resolve(dir);
  const artifact = artifactPath(projectDir, settings, opts.out);
  const fit = (recorded: Omit<PackageResult, 'package_cache'>, zip: string) => fitCompileCache(projectDir, settings, recorded, zip, artifact, opts.compileCache === true);
  const result = await cachedPackage({ projectDir, settings, artifact, options: { verify: opts.verify !== false }, enabled: opts.cache, fit }, () => buildPackage(projectDir, settings, artifact, opts));
  // Outside the cache: pages edited since the build leave the zip's inputs, and so the reused zip, unchanged.
  const stale = staleBuildWarning(projectDir, parseAppRef(settings.app).file);
  return stale ? { ...result, warnings: [...result.warnings, stale] } : result;
}

async function buildPackage(projectDir: string, settings: StageSettings, artifact: string, opts: PackageOptions, retry?: { modules: string[]; packages: string[]; compiled?: string[] }): Promise<CachedBuild<Omit<PackageResult, 'package_cache'>>> {
  const started = Date.now();
  // Operation handlers an OpenAPI document names are loaded on the first request: bundled from the first packaging on.
  const handlers = operationHandlers(projectDir);
  if (handlers.modules.size) settings = withBootModules(settings, [...handlers.modules.keys()]);
  const ref = findAppModule(projectDir, parseAppRef(settings.app), settings.stage);
  const runtime = runtimeFiles();
  // Only engines actually installed: one listed but missing fails the same way locally.
  const engines = viewEnginesIn(projectDir).filter((e) => !settings.external.includes(e) && findPackageDir(projectDir, e));
  const cjsBundle = bundlePath(ref.file);
  const reserved = new Set(['index.js', APP_BUNDLE, cjsBundle, bundlePath(ref.file, 'esm'), CACHE_FILE, TASKS_BUNDLE]);
  const bundleInput = { projectDir, settings, entry: entrySource(ref, runtime), bundle: cjsBundle, adapter: runtime.adapter, reserved };
  const workers = workerPackages(projectDir, settings.external);
  const { bundled, external, engineNote } = await bundleEngines(engines, { ...settings, external: [...settings.external, ...workers] }, async (engineList, ext) => {
    const b = await bundleWithRunTimeFiles({ ...bundleInput, external: ext, engines: engineList }, settings);
    if (engineList.length && b.requireHanded.length) throw requireHandedError(b.requireHanded);
    return b;
  });
  const { built, runTime, computedNotes } = bundled;
  const bundle = bundlePath(ref.file, built.format);

  const missing = missingExportError(built.warnings, ref, settings.stage);
  if (missing) throw missing;
  const unbuilt = unresolvedOwnImports(projectDir, built.warnings);
  if (unbuilt.error) throw unbuilt.error;
  if (bundled.writesOnRequest.length) throw new UserError(bundled.writesOnRequest.join('\n'), 2);
  const natives = nativePackages(projectDir, built.metafile).filter((p) => !external.includes(p));
  if (natives.length) throw nativeAddonError(natives, settings, built.metafile);

  const startFlags = startFlagWarnings(projectDir, settings);
  const warnings = [...realtimeWarnings(built.metafile), ...schedulerWarnings(built.metafile, settings.stage), ...startFlags.warnings, ...withPlatformAddons(projectDir, built.metafile, settings.stage, computedNotes), ...requireHandedNotes(bundled.requireHanded), ...projectWarnings(built.warnings), ...unbuilt.warnings, ...runTime.warnings];
  if (engineNote) warnings.push(engineNote);
  const workerNote = workerPackagesNote(workers);
  const assembled = artifactEntries({ projectDir, settings, runtimeIndex: runtime.index, bundle: { path: bundle, code: built.code }, external, runTimeFiles: runTime.files.keys() });
  const entries = assembled.entries;
  const addons = checkAddons(entries, settings);
  if (addons.error) throw addons.error;
  const abi = addonAbiError(entries, settings);
  if (abi) throw abi;
  warnings.push(...assembled.warnings);
  if (addons.unverified.length) warnings.push(unverifiedAddonsWarning(addons.unverified, settings.architecture));
  const startedFiles = await bundleStartedFiles(projectDir, settings, external, metafileFiles(projectDir, built.metafile));
  for (const s of startedFiles) (entries.set(s.path, s.code), runTime.files.set(s.path, s.reason));
  const tasks = await bundleTasks(projectDir, settings, external);
  if (tasks) {
    entries.set(tasks.path, tasks.code);
    if (opts.verify !== false) warnings.push(...(await checkTasks(projectDir, settings, tasks)));
  }
  const bundleSha256 = sha256Of(built.code);
  const cache = settings.compile_cache && opts.compileCache ? findLocalCache(cacheDir(projectDir, settings.stage), { path: bundle, sha256: bundleSha256 }, settings) : undefined;
  if (cache) entries.set(CACHE_FILE, cache.file);

  for (const f of retry?.compiled ?? []) entries.set(compiledName(f), compiledNameSource(f));
  let booted: string | undefined;
  if (opts.verify !== false) {
    const problems = await bootCheckProblems(projectDir, settings, ref, entries);
    // Modules loaded at boot outside the bundle broke it, or packages it loaded are not shipped: package once more with them.
    const modules = problems.unbundled ?? [];
    const packages = problems.packages ?? [];
    if (!retry && (modules.length || packages.length)) {
      return buildPackage(projectDir, withBootPackages(withBootModules(settings, modules), packages), artifact, opts, { modules, packages });
    }
    // TypeScript modules listed at boot under their compiled names (compiled-names.ts): bundled, and shipped under those names too.
    const compiled = !retry?.compiled && problems.booted ? listedTypeScript(projectDir, ref.file, problems.shipped ?? [], new Set(metafileFiles(projectDir, built.metafile))) : [];
    if (compiled.length) return buildPackage(projectDir, withBootModules(settings, compiled), artifact, opts, { modules: retry?.modules ?? [], packages: retry?.packages ?? [], compiled });
    if (problems.error) throw problems.error;
    warnings.push(...problems.warnings);
    booted = problems.booted;
    for (const f of problems.shipped ?? []) runTime.files.set(f, 'shipped: the app reads it at boot');
  }
  markBootModules(runTime.files, retry?.modules);
  for (const f of retry?.compiled ?? []) {
    runTime.files.set(f, COMPILED_MODULE_REASON);
    runTime.files.set(compiledName(f), `${COMPILED_NAME_REASON} ${f}, which the app lists at boot: a require() of it gets the bundled module`);
  }
  for (const [f, doc] of handlers.modules) if (runTime.files.has(f)) runTime.files.set(f, `${OPERATION_HANDLER_REASON} ${doc}`);
  if (handlers.modules.size) warnings.splice(0, warnings.length, ...warnings.filter((w) => !isHandledResolverNote(w)));
  warnings.push(...handlers.warnings);
  if (retry?.packages.length) warnings.push(bootPackagesNote(retry.packages, settings.stage));

  const { zip, sha256 } = await deterministicZip(entries);
  writeAtomically(artifact, zip);
  const cacheFile = join(cacheDir(projectDir, settings.stage), cacheFileName(bundleSha256, settings));
  // Watched with or without compileCache: a recorded zip is fitted to the cache kept now (cache-compile.ts).
  const kept = settings.compile_cache ? [cacheFile, cacheFile.replace(/\.bin$/, '.json')] : [];
  const read = [...metafileFiles(projectDir, built.metafile), ...startFlags.read, ...(tasks?.inputs ?? []), ...startedFiles.flatMap((s) => s.inputs), ...[...runTime.files.keys()].map((f) => join(projectDir, f)), ...assembled.sources, ...kept];
  const result = {
    artifact,
    bytes: zip.length,
    sha256,
    handler: HANDLER,
    bundle: { path: bundle, bytes: built.code.length },
    files: [...entries.keys()].sort(),
    run_time_files: runTimeLines(projectDir, runTime.files),
    biggest: biggestContributors(built.metafile),
    warnings,
    notes: [...(workerNote ? [workerNote] : []), ...requireHookNotes(built.metafile), ...compileHookNotes(built.metafile), ...devImportNotes(projectDir, built.metafile), ...trimNotes(built.metafile), ...absentNotes(built.absent), ...optionalNativeNotes(built.metafile, settings.architecture), ...(built.format === 'esm' ? [ESM_NOTE] : [])],
    ...(booted ? { app_boot: booted } : {}),
    ...(tasks ? { tasks: tasks.tasks.map((t) => t.name) } : {}),
    compile_cache: {
      setting: settings.compile_cache,
      included: cache !== undefined,
      bundle_sha256: bundleSha256,
      ...(cache ? { runtime: `${cache.header.node} ${cache.header.arch}`, runtime_version_arn: cache.runtime_version_arn } : {}),
    },
    duration_ms: Date.now() - started,
  };
  return { result, inputs: read };
}

