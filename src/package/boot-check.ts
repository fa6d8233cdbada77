import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { StageSettings } from '../settings/types';
import { UserError } from '../core/errors';
import { nodeBinaryFor } from '../util/node-binary';
import { APP_EXPORT_ERROR } from '../contracts/layout';
import type { AppRef } from './app-ref';
import { checkBoot, type BootCheck } from './verify';
import { asError, asWarning, bootShippingFiles, codeFolderWrites, codeWriteError, codeWriteWarning, unbundledModulesError } from './boot-files';
import { missingVariablesHint, shellOnlyWarning } from './env-hint';
import { bootModules } from './boot-modules';
import { unreachedWarning } from './boot-network';
import { loopbackWarning, waitedOnLoopback, WAITED_ON_LOOPBACK } from './loopback-connects';
import { nativeWriteWarning } from './native-write-opens';
import { leftOutNeededError } from './optional-natives';
import { unbuiltBootError } from './unbuilt';

/**
 * Writes the artifact's files where the app can boot from them: inside the project so @aws-sdk/*
 * resolves as Lambda provides it, in a folder of its own so concurrent packagers never collide.
 */
function stage(projectDir: string, settings: StageSettings, entries: Map<string, Buffer>): string {
  const parent = join(projectDir, '.zap', settings.stage);
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'boot-check-'));
  for (const [name, data] of entries) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  return dir;
}

/** How the app was obtained, in words for `zap package`; an ESM bundle means top-level await came first. */
export function describeBoot(booted: NonNullable<BootCheck['booted']>): string {
  return booted.format === 'esm' ? `top-level await (ESM bundle), then ${booted.detail}` : booted.detail;
}

export interface BootCheckOutcome {
  error?: UserError;
  warnings: string[];
  /** How the app was obtained, when it booted. */
  booted?: string;
  /** Project files shipped because the app read them while booting. */
  shipped?: string[];
  /** Modules the boot loaded by a path zap could not follow, outside the bundle, when that boot failed (boot-modules.ts). */
  unbundled?: string[];
  /** Packages the boot loaded from the project's node_modules, which the artifact lacks (boot-packages.ts). */
  packages?: string[];
}

/** No app to serve stops packaging; other boot failures are only warnings (the app may need its Lambda environment). */
export async function bootCheckProblems(
  projectDir: string,
  settings: StageSettings,
  _ref: AppRef,
  entries: Map<string, Buffer>,
): Promise<BootCheckOutcome> {
  let node: string;
  try {
    node = nodeBinaryFor(settings.runtime);
  } catch (err) {
    return { warnings: [`skipped the boot check: ${(err as Error).message}`] };
  }
  const dir = stage(projectDir, settings, entries);
  try {
    const run = () => checkBoot(dir, node, settings.environment_variables, undefined, projectDir);
    const { result, shipped, unshippable } = await bootShippingFiles({ projectDir, stageDir: dir, exclude: settings.exclude, stage: settings.stage, app: settings.app, entries, run });
    const written = codeFolderWrites(dir, result.files);
    const loopback = loopbackWarning(result.files?.loopback ?? [], result.files?.unsetEnv ?? [], settings.stage);
    const nativeWrites = nativeWriteWarning(result.files?.writeOpened ?? [], dir);
    const files = [...unshippable.map(asWarning), ...(written.length ? [codeWriteWarning(written)] : []), ...(loopback ? [loopback] : []), ...(nativeWrites ? [nativeWrites] : [])];
    const shellOnly = shellOnlyWarning(result.files?.shellEnv ?? [], settings.stage);
    // Packaged again with these (index.ts): packages the bundle loads from node_modules, and modules that ran outside it needing packages.
    const packages = result.files?.packages ?? [];
    const unbundledModules = result.files?.modulePackages?.length ? bootModules(shipped) : [];
    if (packages.length || unbundledModules.length) return { shipped, warnings: [], packages, unbundled: unbundledModules };
    if (result.booted) return { shipped, warnings: [...files, ...(shellOnly ? [shellOnly] : [])], booted: describeBoot(result.booted) };
    // Waiting on a server of this machine (loopback-connects.ts) or one it could not reach (boot-network.ts), as a database: no missing app; Lambda may reach it.
    if (result.error?.name === APP_EXPORT_ERROR && result.unreached?.length) return { shipped, warnings: [...files, unreachedWarning(result.unreached, settings.stage)] };
    if (waitedOnLoopback(result, result.files?.loopback ?? [])) return { shipped, warnings: [...files, WAITED_ON_LOOPBACK] };
    const neededAddon = leftOutNeededError(result.error, settings.stage);
    if (neededAddon) return { error: new UserError(neededAddon, 2), warnings: [], shipped };
    if (result.error?.name === APP_EXPORT_ERROR) {
      return { error: new UserError(`zap.json: stage '${settings.stage}', key 'app': ${result.error.message}`, 2), warnings: [], shipped };
    }
    // A file the app read while booting that cannot ship: fatal when the boot failed without it.
    if (unshippable.length && result.error) {
      return { error: new UserError(`the app failed to boot without files it reads that cannot ship: ${unshippable.map(asError).join('; ')}`, 2), warnings: [], shipped };
    }
    if (written.length && result.error) return { error: new UserError(codeWriteError(written, result.error, dir), 2), warnings: [], shipped };
    const unbundled = result.error && unbundledModulesError(shipped, result.error, settings.stage);
    if (unbundled) return { error: new UserError(unbundled, 2), warnings: [], shipped, unbundled: bootModules(shipped) };
    const unbuilt = result.error && unbuiltBootError(projectDir, dir, result.files?.missing ?? [], result.error);
    if (unbuilt) return { error: unbuilt, warnings: [], shipped };
    if (result.error) {
      const hint = missingVariablesHint(result.error.message, settings.stage, settings.environment_variables, result.files?.unsetEnv ?? []);
      const threw = `the app threw while booting at package time (it may need its Lambda environment): ${result.error.name}: ${result.error.message}`;
      return { shipped, warnings: [...files, hint ? `${threw}; ${hint}` : threw] };
    }
    return { shipped, warnings: [...files, 'the app did not finish booting within 15 s at package time'] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
