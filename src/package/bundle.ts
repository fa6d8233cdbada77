import { build, type BuildFailure, type Message, type Metafile, type Plugin } from 'esbuild';
import { join } from 'node:path';
import type { StageSettings } from '../settings/types';
import { runtimeMajor } from '../util/node-binary';
import { explainBuildErrors } from './diagnose';
import { ENTRY_FILE } from './entry';
import { trimPlugin } from './trim';
import { jsonParsePlugin } from './json-parse';
import { missingInPackages, missingInPackagesPlugin, type MissingSite } from './missing-in-package';
import { ESM_BANNER, ESM_DEFINE, isTopLevelAwaitInCjs, type BundleFormat } from './bundle-format';

export interface BundleResult {
  code: Buffer;
  metafile: Metafile;
  warnings: Message[];
  /** "esm" only when the app uses top-level await, which a CommonJS bundle cannot hold. */
  format: BundleFormat;
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
}

/** import.meta.url in a CommonJS bundle is undefined; this gives ESM code the bundle's own URL. */
const META_URL = '__zap_import_meta_url';

function isBuildFailure(err: unknown): err is BuildFailure {
  return err instanceof Error && Array.isArray((err as BuildFailure).errors);
}

export async function bundleApp(input: BundleInput, format: BundleFormat = 'cjs', missing: MissingSite[] = []): Promise<BundleResult> {
  const { projectDir, settings } = input;
  const external = [...(settings.bundle_aws_sdk ? [] : ['@aws-sdk/*']), ...input.external];
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
      define: format === 'cjs' ? { 'import.meta.url': META_URL } : ESM_DEFINE,
      banner: { js: format === 'cjs' ? `var ${META_URL}=require("url").pathToFileURL(__filename).href;` : ESM_BANNER },
      plugins: [
        ...(missing.length ? [missingInPackagesPlugin(missing)] : []),
        trimPlugin(),
        ...(settings.json_parse === false ? [] : [jsonParsePlugin()]),
        ...(input.plugins ?? []),
      ],
      logLevel: 'silent',
      // Promoted from debug so computed require()s can be reported (src/package/diagnose.ts).
      logOverride: { 'unsupported-require-call': 'warning', 'unsupported-dynamic-import': 'warning' },
    });
    const out = result.outputFiles[0];
    if (!out) throw new Error('esbuild produced no output');
    return { code: Buffer.from(out.contents), metafile: result.metafile, warnings: result.warnings, format };
  } catch (err) {
    if (isBuildFailure(err) && format === 'cjs' && err.errors.some(isTopLevelAwaitInCjs)) return bundleApp(input, 'esm', missing);
    const more = isBuildFailure(err) ? missingInPackages(projectDir, err.errors) : undefined;
    if (more && missing.length < 50) return bundleApp(input, format, [...missing, ...more]);
    if (isBuildFailure(err)) throw explainBuildErrors(err.errors, input.settings.stage);
    throw err;
  }
}
