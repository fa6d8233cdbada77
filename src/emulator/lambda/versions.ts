import { randomUUID } from 'node:crypto';
import { invalidParam } from '../errors';
import type { FnRecord, FnVersion } from '../model';
import { page } from '../context';
import { renderConfig } from './config';
import { assertUpdatable, checkRevision, getFn, type LambdaEnv } from './env';
import { badMarker, maxItems } from './paging';
import { parseFunctionName } from './names';

/** What makes two versions the same: code and configuration, not timestamps or ids. */
export function fingerprint(v: FnVersion): string {
  const { codeSha256, handler, runtime, role, timeout, memorySize, environment, architectures, ephemeralStorage, vpc, tracing } = v;
  return JSON.stringify([codeSha256, handler, runtime, role, timeout, memorySize, environment, architectures, ephemeralStorage, vpc, tracing ?? 'PassThrough']);
}

/**
 * Freezes $LATEST as a new version, unless nothing changed since the last one: then Lambda returns
 * that version (https://docs.aws.amazon.com/lambda/latest/api/API_PublishVersion.html).
 */
export function publish(env: LambdaEnv, fn: FnRecord, input: { Description?: string }): FnVersion {
  const numbers = Object.keys(fn.versions).map(Number).sort((a, b) => b - a);
  const last = numbers.length ? fn.versions[String(numbers[0])] : undefined;
  if (last && fingerprint(last) === fingerprint(fn.latest)) return last;
  const now = env.ctx.now();
  const version = String(fn.nextVersion++);
  const frozen: FnVersion = {
    ...structuredClone(fn.latest),
    version,
    description: input.Description ?? fn.latest.description,
    lastModified: now,
    revisionId: randomUUID(),
    activeAt: now + env.ctx.delays.functionPendingMs,
    updatedAt: 0,
    lastUpdateKind: 'create',
  };
  fn.versions[version] = frozen;
  return frozen;
}

export function publishVersion(env: LambdaEnv, rawName: string, input: Record<string, any>) {
  const fn = getFn(env, parseFunctionName(rawName).name);
  checkRevision(input.RevisionId, fn.latest.revisionId);
  assertUpdatable(env, fn);
  if (typeof input.CodeSha256 === 'string' && input.CodeSha256 !== fn.latest.codeSha256) {
    throw invalidParam(`CodeSHA256 (${input.CodeSha256}) is different from current CodeSHA256 in $LATEST (${fn.latest.codeSha256}). Please try again with the CodeSHA256 in $LATEST.`);
  }
  return renderConfig(env, fn, publish(env, fn, input));
}

export function listVersionsByFunction(env: LambdaEnv, rawName: string, query: URLSearchParams) {
  const fn = getFn(env, parseFunctionName(rawName).name);
  const versions = [fn.latest, ...Object.values(fn.versions).sort((a, b) => Number(a.version) - Number(b.version))];
  const p = page(versions, query.get('Marker') ?? undefined, maxItems(query, 50), badMarker);
  return { Versions: p.items.map((v) => renderConfig(env, fn, v)), NextMarker: p.next };
}
