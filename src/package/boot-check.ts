import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { StageSettings } from '../settings/types';
import { UserError } from '../core/errors';
import { nodeBinaryFor } from '../util/node-binary';
import { APP_EXPORT_ERROR } from '../contracts/layout';
import type { AppRef } from './app-ref';
import { checkBoot } from './verify';

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

/** listen() on import and a missing app export stop packaging; other boot failures are only warnings (the app may need its Lambda environment). */
export async function bootCheckProblems(
  projectDir: string,
  settings: StageSettings,
  ref: AppRef,
  entries: Map<string, Buffer>,
): Promise<{ error?: UserError; warnings: string[] }> {
  let node: string;
  try {
    node = nodeBinaryFor(settings.runtime);
  } catch (err) {
    return { warnings: [`skipped the boot check: ${(err as Error).message}`] };
  }
  const dir = stage(projectDir, settings, entries);
  try {
    const result = await checkBoot(dir, node, settings.environment_variables);
    if (result.listened) {
      return {
        error: new UserError(
          `${ref.file} calls listen() when it is imported; on Lambda zap's handler serves the app instead. ` +
            `Export the app without listening and move listen() to a separate file (e.g. src/server.ts) that imports it.`,
        ),
        warnings: [],
      };
    }
    if (result.error?.name === APP_EXPORT_ERROR) {
      return { error: new UserError(`zap.json: stage '${settings.stage}', key 'app': ${result.error.message}`, 2), warnings: [] };
    }
    if (result.error) return { warnings: [`the app threw while booting at package time (it may need its Lambda environment): ${result.error.name}: ${result.error.message}`] };
    if (result.timedOut) return { warnings: ['the app did not finish booting within 15 s at package time'] };
    return { warnings: [] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
