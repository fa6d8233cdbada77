import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StageSettings } from '../settings/types';
import { APP_BUNDLE, ROOT_PACKAGE_JSON, rootStub } from '../contracts/layout';
import { collectIncludes } from './include';
import { collectExternals } from './externals';
import { nativeExternals } from './native';

export interface EntriesInput {
  projectDir: string;
  settings: StageSettings;
  runtimeIndex: string;
  bundle: { path: string; code: Buffer };
  external: string[];
}

/** Every file of the artifact by zip path: zap's entry, the app bundle, included files, external packages. */
export function artifactEntries(input: EntriesInput): { entries: Map<string, Buffer>; warnings: string[] } {
  const { projectDir, settings, bundle } = input;
  const entries = new Map<string, Buffer>([
    ['index.js', readFileSync(input.runtimeIndex)],
    ['package.json', Buffer.from(ROOT_PACKAGE_JSON)],
    [bundle.path, bundle.code],
  ]);
  const stub = rootStub(bundle.path);
  if (stub) entries.set(APP_BUNDLE, Buffer.from(stub));

  const included = collectIncludes(projectDir, settings.include, new Set(entries.keys()));
  for (const f of included.files) entries.set(f, readFileSync(join(projectDir, f)));
  const externals = collectExternals(projectDir, input.external, settings.stage);
  for (const [zipPath, abs] of externals) if (!entries.has(zipPath)) entries.set(zipPath, readFileSync(abs));

  const warnings = [...included.warnings];
  const nativeShipped = nativeExternals(externals.keys());
  if (nativeShipped.length) {
    warnings.push(`${nativeShipped.join(', ')} ship compiled .node files: they must be built for Linux ${settings.architecture} (e.g. npm ci inside a Lambda build image)`);
  }
  return { entries, warnings };
}
