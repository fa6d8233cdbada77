// Where zap's own files are, from wherever this module was loaded (the CLI bundle or the sources).
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { packageRoot } from '../../util/package-root';

export function bootstrapPath(): string {
  const p = join(packageRoot(), 'dist', 'emulator', 'bootstrap.js');
  if (!existsSync(p)) throw new Error(`${p} is missing: run \`npm run build\` in zap's folder`);
  return p;
}

/** The node_modules folder that holds the @aws-sdk/* zap itself uses, if any. */
export function defaultSdkNodeModules(): string | undefined {
  try {
    const req = createRequire(join(packageRoot(), 'package.json'));
    // …/node_modules/@aws-sdk/client-lambda/package.json → …/node_modules
    return dirname(dirname(dirname(req.resolve('@aws-sdk/client-lambda/package.json'))));
  } catch {
    return undefined;
  }
}

/**
 * A runtime folder whose node_modules holds only @aws-sdk (a link), as Lambda's /var/runtime does:
 * NODE_PATH pointing at all of zap's node_modules would hide packages missing from the artifact.
 */
export function makeRuntimeDir(dir: string, sdkNodeModules: string | undefined): string {
  const nm = join(dir, 'node_modules');
  mkdirSync(nm, { recursive: true });
  const sdk = sdkNodeModules && join(sdkNodeModules, '@aws-sdk');
  const link = join(nm, '@aws-sdk');
  if (sdk && existsSync(sdk) && !existsSync(link)) symlinkSync(sdk, link, 'dir');
  return dir;
}
