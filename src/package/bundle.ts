import { build, type BuildFailure, type Message, type Metafile, type Plugin } from 'esbuild';
import { join } from 'node:path';
import type { StageSettings } from '../settings/types';
import { runtimeMajor } from '../util/node-binary';
import { explainBuildErrors } from './diagnose';
import { UserError } from '../core/errors';
import { ENTRY_FILE } from './entry';
import { trimPlugin } from './trim';
import { jsonParsePlugin } from './json-parse';
import { missingInPackages, missingInPackagesPlugin, type MissingSite } from './missing-in-package';
import { ESM_BANNER, ESM_DEFINE, isTopLevelAwaitInCjs, type BundleFormat } from './bundle-format';
import { absentInPackages, type AbsentImport } from './absent-packages';
import { moduleAliasPlugin } from './module-alias';
import { optionalNativesPlugin } from './optional-natives';
import { compileHooksPlugin } from './compile-hooks';
import { coffeePlugin } from './coffee';
import { babelAliasPlugin } from './babel-aliases';
import { IGNORED_IMPORT } from './unbuilt';
import { jsxOptions } from './jsx-in-js';
import { devImportsPlugin } from './dev-imports';

export interface BundleResult {
  code: Buffer;
  metafile: Metafile;
  warnings: Message[];
  /** "esm" only when the app uses top-level await, which a CommonJS bundle cannot hold. */
  format: BundleFormat;
  /** Packages that other packages require but are not installed, left as run-time requires. */
  absent: AbsentImport[];
}

export interface BundleInput {
  projectDir: string;
  settings: StageSettings;
  entry: string;
  /** Zip-relative path of the bundle, e.g. "src/zap-app.cjs". */
  bundle: string;
  external: string[];
  /** Run-time file handling (src/package/app-bundle.ts): __dirname per module, computed requires. */
  plugins?: Plugin[];
  /** Set by bundleApp's own retry (src/package/absent-packages.ts). */
  absent?: AbsentImport[];
}

/** import.meta.url in a CommonJS bundle is undefined; this gives ESM code the bundle's own URL. */
const META_URL = '__zap_import_meta_url';

function isBuildFailure(err: unknown): err is BuildFailure {
  return err instanceof Error && Array.isArray((err as BuildFailure).errors);
}

export async function bundleApp(input: BundleInput, format: BundleFormat = 'cjs', missing: MissingSite[] = []): Promise<BundleResult> {
  const { projectDir, settings } = input;
  const absent = input.absent ?? [];
  const external = [...(settings.bundle_aws_sdk ? [] : ['@aws-sdk/*']), ...input.external, ...absent.map((a) => a.specifier)];
  try {
    const result = await build({
      stdin: { contents: input.entry, resolveDir: projectDir, sourcefile: ENTRY_FILE, loader: 'js' },
      absWorkingDir: projectDir,
      outfile: join(projectDir, input.bundle),
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format,
      target: `node${runtimeMajor(settings.runtime)}`,
      external,
      // Node's own resolution: a require() takes a package's "require" export and an import its
      // "import" one. esbuild otherwise adds the "module" condition, so require('i18next-fs-backend')
      // would get its ESM build and a namespace object where Node gives the class.
      conditions: [],
      // Not minified: stack traces in the function's log keep real names and lines, and measured on the
      // sample app minifying saved 15% of the zip but no cold-start time; keepNames cost 20% of events/s.
      legalComments: 'none',
      ...jsxOptions(projectDir),
      define: format === 'cjs' ? { 'import.meta.url': META_URL } : ESM_DEFINE,
      banner: { js: format === 'cjs' ? `var ${META_URL}=require("url").pathToFileURL(__filename).href;` : ESM_BANNER },
      plugins: [
        ...(missing.length ? [missingInPackagesPlugin(missing)] : []),
        trimPlugin(),
        moduleAliasPlugin(projectDir),
        optionalNativesPlugin(projectDir, external),
        compileHooksPlugin(external),
        coffeePlugin(projectDir),
        babelAliasPlugin(projectDir),
        devImportsPlugin(projectDir),
        ...(settings.json_parse === false ? [] : [jsonParsePlugin()]),
        ...(input.plugins ?? []),
      ],
      logLevel: 'silent',
      // Promoted from debug so computed require()s can be reported (src/package/diagnose.ts).
      logOverride: { 'unsupported-require-call': 'warning', 'unsupported-dynamic-import': 'warning', [IGNORED_IMPORT]: 'warning' },
    });
    const out = result.outputFiles[0];
    if (!out) throw new Error('esbuild produced no output');
    return { code: Buffer.from(out.contents), metafile: result.metafile, warnings: result.warnings, format, absent };
  } catch (err) {
    if (isBuildFailure(err) && format === 'cjs' && err.errors.some(isTopLevelAwaitInCjs)) return bundleApp(input, 'esm', missing);
    // A plugin's own UserError (src/package/decorator-metadata.ts) already says what to change.
    const own = isBuildFailure(err) ? err.errors.map((e) => e.detail as unknown).find((d) => d instanceof UserError) : undefined;
    if (own) throw own;
    // Packages' requires of what is not installed: absent packages (absent-packages.ts) and files
    // of their own (missing-in-package.ts) become run-time requires; any other error stays one.
    const errors = isBuildFailure(err) ? err.errors : [];
    const relative = errors.filter((e) => /^Could not resolve "\.{1,2}\//.test(e.text));
    const bare = errors.filter((e) => !relative.includes(e));
    const moreAbsent = bare.length ? absentInPackages(bare) : [];
    const moreMissing = relative.length ? missingInPackages(projectDir, relative) : [];
    // Bounded: each retry must add a specifier not already left out.
    const newAbsent = moreAbsent?.some((m) => !absent.some((a) => a.specifier === m.specifier)) ?? false;
    if (errors.length && moreAbsent && moreMissing && (newAbsent || (moreMissing.length > 0 && missing.length < 50))) {
      return bundleApp({ ...input, absent: [...absent, ...moreAbsent] }, format, [...missing, ...moreMissing]);
    }
    if (isBuildFailure(err)) throw explainBuildErrors(err.errors, input.settings.stage, projectDir);
    throw err;
  }
}
