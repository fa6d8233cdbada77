import { randomUUID } from 'node:crypto';
import { conflict, invalidParam } from '../errors';
import type { FnRecord, FnVersion } from '../model';
import { page } from '../context';
import { renderConfig } from './config';
import { assertUpdatable, checkRevision, getFn, resolveVersion, type LambdaEnv } from './env';
import { parseFunctionName, requireString } from './names';
import { badMarker, maxItems } from './paging';
import { publish } from './versions';
import { checkTags } from './tags';
import * as v from './validate';
import { checkTracing, checkVpcConfig } from './vpc';

/** ZipFile arrives base64 in the JSON body; S3 and images are not emulated. */
function zipOf(code: Record<string, any> | undefined): Buffer {
  if (!code || typeof code.ZipFile !== 'string') {
    throw invalidParam('The zap emulator takes code as Code.ZipFile only (S3 and container images are not emulated).');
  }
  return Buffer.from(code.ZipFile, 'base64');
}

export async function createFunction(env: LambdaEnv, input: Record<string, any>): Promise<Record<string, unknown>> {
  const { name } = parseFunctionName(requireString(input, 'FunctionName'));
  const role = v.checkRoleArn(input.Role);
  const version: Omit<FnVersion, 'codeSha256' | 'codeSize' | 'codeKey'> = {
    version: '$LATEST',
    runtime: v.checkRuntime(input.Runtime),
    handler: v.checkHandler(input.Handler),
    role,
    description: typeof input.Description === 'string' ? input.Description : '',
    timeout: input.Timeout === undefined ? 3 : v.checkTimeout(input.Timeout),
    memorySize: input.MemorySize === undefined ? 128 : v.checkMemory(input.MemorySize),
    environment: v.checkEnvironment(input.Environment),
    architectures: v.checkArchitectures(input.Architectures),
    ephemeralStorage: input.EphemeralStorage?.Size ?? 512,
    tracing: checkTracing(input.TracingConfig),
    lastModified: 0, revisionId: '', activeAt: 0, updatedAt: 0, lastUpdateKind: 'create',
  };
  checkTags(input.Tags ?? {});
  if (env.data.functions[name]) throw conflict(`Function already exist: ${name}`);
  env.checkRole(role);
  if (input.VpcConfig !== undefined) {
    const vpc = checkVpcConfig(env.data, input.VpcConfig, role);
    if (vpc.subnetIds.length) version.vpc = vpc;
  }
  const stored = await env.code.put(zipOf(input.Code));
  if (env.data.functions[name]) throw conflict(`Function already exist: ${name}`);
  const now = env.ctx.now();
  const latest: FnVersion = {
    ...version, codeSha256: stored.codeSha256, codeSize: stored.codeSize, codeKey: stored.key,
    lastModified: now, revisionId: randomUUID(),
    activeAt: now + env.ctx.delays.functionPendingMs, updatedAt: now + env.ctx.delays.functionPendingMs,
  };
  const fn: FnRecord = {
    name, createdAt: now, latest, versions: {}, nextVersion: 1, aliases: {}, policies: {}, policyRevision: {},
    urls: {}, tags: { ...(input.Tags ?? {}) },
  };
  env.data.functions[name] = fn;
  if (input.Publish === true) return renderConfig(env, fn, publish(env, fn, {}));
  return renderConfig(env, fn, latest);
}

export function getFunction(env: LambdaEnv, rawName: string, qualifier: string | null): Record<string, unknown> {
  const ref = parseFunctionName(rawName, qualifier);
  const fn = getFn(env, ref.name, ref.qualifier);
  const ver = resolveVersion(env, fn, ref.qualifier);
  return {
    Configuration: renderConfig(env, fn, ver),
    Code: { RepositoryType: 'S3', Location: `${env.ctx.endpoint}/_zap/code/${ver.codeKey}.zip` },
    Tags: Object.keys(fn.tags).length ? fn.tags : undefined,
    Concurrency: fn.reservedConcurrency === undefined ? undefined : { ReservedConcurrentExecutions: fn.reservedConcurrency },
  };
}

export function getFunctionConfiguration(env: LambdaEnv, rawName: string, qualifier: string | null): Record<string, unknown> {
  const ref = parseFunctionName(rawName, qualifier);
  const fn = getFn(env, ref.name, ref.qualifier);
  return renderConfig(env, fn, resolveVersion(env, fn, ref.qualifier));
}

/** Marks $LATEST updated: a new revision, InProgress for a while, and its containers retired. */
export async function touchLatest(env: LambdaEnv, fn: FnRecord): Promise<void> {
  const now = env.ctx.now();
  Object.assign(fn.latest, {
    lastModified: now, revisionId: randomUUID(), updatedAt: now + env.ctx.delays.updateInProgressMs, lastUpdateKind: 'update',
  });
  await env.pool.retire(fn.name, '$LATEST');
}

export async function updateFunctionCode(env: LambdaEnv, rawName: string, input: Record<string, any>) {
  const fn = getFn(env, parseFunctionName(rawName).name);
  checkRevision(input.RevisionId, fn.latest.revisionId);
  assertUpdatable(env, fn);
  const architectures = input.Architectures === undefined ? fn.latest.architectures : v.checkArchitectures(input.Architectures);
  const stored = await env.code.put(zipOf(input));
  if (input.DryRun === true) return renderConfig(env, fn, { ...fn.latest, codeSha256: stored.codeSha256, codeSize: stored.codeSize });
  assertUpdatable(env, fn);
  Object.assign(fn.latest, { codeSha256: stored.codeSha256, codeSize: stored.codeSize, codeKey: stored.key, architectures });
  await touchLatest(env, fn);
  if (input.Publish === true) return renderConfig(env, fn, publish(env, fn, {}));
  return renderConfig(env, fn, fn.latest);
}

export async function updateFunctionConfiguration(env: LambdaEnv, rawName: string, input: Record<string, any>) {
  const fn = getFn(env, parseFunctionName(rawName).name);
  checkRevision(input.RevisionId, fn.latest.revisionId);
  assertUpdatable(env, fn);
  const next: Partial<FnVersion> = {};
  if (input.Role !== undefined) next.role = v.checkRoleArn(input.Role);
  if (input.Runtime !== undefined) next.runtime = v.checkRuntime(input.Runtime);
  if (input.Handler !== undefined) next.handler = v.checkHandler(input.Handler);
  if (input.Timeout !== undefined) next.timeout = v.checkTimeout(input.Timeout);
  if (input.MemorySize !== undefined) next.memorySize = v.checkMemory(input.MemorySize);
  if (input.Description !== undefined) next.description = String(input.Description);
  if (input.Environment !== undefined) next.environment = v.checkEnvironment(input.Environment);
  if (input.EphemeralStorage?.Size !== undefined) next.ephemeralStorage = input.EphemeralStorage.Size;
  if (input.TracingConfig !== undefined) next.tracing = checkTracing(input.TracingConfig);
  if (next.role) env.checkRole(next.role);
  if (input.VpcConfig !== undefined) {
    const vpc = checkVpcConfig(env.data, input.VpcConfig, next.role ?? fn.latest.role);
    // Detaching a function never attached leaves it as it was: no VpcConfig at all.
    if (vpc.subnetIds.length || fn.latest.vpc) next.vpc = vpc;
  }
  Object.assign(fn.latest, next);
  await touchLatest(env, fn);
  return renderConfig(env, fn, fn.latest);
}

export async function deleteFunction(env: LambdaEnv, rawName: string, qualifier: string | null): Promise<void> {
  const ref = parseFunctionName(rawName, qualifier);
  const fn = getFn(env, ref.name, ref.qualifier);
  if (ref.qualifier === undefined) {
    for (const q of Object.keys(fn.urls)) await env.urls.close(fn.name, q);
    delete env.data.functions[fn.name];
    await env.pool.retire(fn.name);
    return;
  }
  if (ref.qualifier === '$LATEST') throw invalidParam('$LATEST version cannot be deleted without deleting the function.');
  if (!/^\d+$/.test(ref.qualifier)) throw invalidParam('Deletion of aliases is not supported through DeleteFunction; use DeleteAlias.');
  resolveVersion(env, fn, ref.qualifier);
  const users = Object.values(fn.aliases).filter((a) => a.functionVersion === ref.qualifier).map((a) => a.name);
  if (users.length) throw conflict(`Unable to delete version because the following aliases reference it: [${users.join(', ')}]`);
  delete fn.versions[ref.qualifier];
  await env.pool.retire(fn.name, ref.qualifier);
}

export function listFunctions(env: LambdaEnv, query: URLSearchParams): Record<string, unknown> {
  const all = query.get('FunctionVersion') === 'ALL';
  const fns = Object.values(env.data.functions).sort((a, b) => a.name.localeCompare(b.name));
  const configs = fns.flatMap((fn) =>
    all ? [fn.latest, ...Object.values(fn.versions)].map((ver) => renderConfig(env, fn, ver)) : [renderConfig(env, fn, fn.latest)],
  );
  const p = page(configs, query.get('Marker') ?? undefined, maxItems(query, 50), badMarker);
  return { Functions: p.items, NextMarker: p.next };
}
