import { randomUUID } from 'node:crypto';
import { conflict, notFound } from '../errors';
import type { AliasRecord, FnRecord } from '../model';
import { page } from '../context';
import { arnOf, checkRevision, getFn, type LambdaEnv } from './env';
import { badMarker, maxItems } from './paging';
import { checkAliasName, parseFunctionName, requireString } from './names';

function render(env: LambdaEnv, fn: FnRecord, a: AliasRecord) {
  return {
    AliasArn: arnOf(env, fn.name, a.name),
    Name: a.name,
    FunctionVersion: a.functionVersion,
    Description: a.description,
    RevisionId: a.revisionId,
    RoutingConfig: a.routingConfig,
  };
}

function checkTargetVersion(env: LambdaEnv, fn: FnRecord, version: string): void {
  if (version !== '$LATEST' && !fn.versions[version]) throw notFound(`Function not found: ${arnOf(env, fn.name, version)}`);
}

/** AWS words it differently per operation: GetAlias "Cannot find alias arn: …", UpdateAlias "Alias not found: …". */
function getAliasRecord(env: LambdaEnv, fn: FnRecord, name: string, op: 'get' | 'update'): AliasRecord {
  const a = fn.aliases[name];
  const arn = arnOf(env, fn.name, name);
  if (!a) throw notFound(op === 'get' ? `Cannot find alias arn: ${arn}` : `Alias not found: ${arn}`);
  return a;
}

export function createAlias(env: LambdaEnv, rawName: string, input: Record<string, any>) {
  const fn = getFn(env, parseFunctionName(rawName).name);
  const name = checkAliasName(input.Name);
  const version = requireString(input, 'FunctionVersion');
  checkTargetVersion(env, fn, version);
  if (fn.aliases[name]) throw conflict(`Alias already exists: ${arnOf(env, fn.name, name)}`);
  const a: AliasRecord = {
    name, functionVersion: version, description: input.Description ?? '', revisionId: randomUUID(), routingConfig: input.RoutingConfig,
  };
  fn.aliases[name] = a;
  return render(env, fn, a);
}

export function getAlias(env: LambdaEnv, rawName: string, alias: string) {
  const fn = getFn(env, parseFunctionName(rawName).name);
  return render(env, fn, getAliasRecord(env, fn, alias, 'get'));
}

export function updateAlias(env: LambdaEnv, rawName: string, alias: string, input: Record<string, any>) {
  const fn = getFn(env, parseFunctionName(rawName).name);
  const a = getAliasRecord(env, fn, alias, 'update');
  checkRevision(input.RevisionId, a.revisionId);
  if (input.FunctionVersion !== undefined) {
    checkTargetVersion(env, fn, input.FunctionVersion);
    a.functionVersion = input.FunctionVersion;
  }
  if (input.Description !== undefined) a.description = input.Description;
  if (input.RoutingConfig !== undefined) a.routingConfig = input.RoutingConfig;
  a.revisionId = randomUUID();
  return render(env, fn, a);
}

export async function deleteAlias(env: LambdaEnv, rawName: string, alias: string): Promise<void> {
  const fn = getFn(env, parseFunctionName(rawName).name);
  // AWS answers 204 for a missing alias too (https://github.com/localstack/localstack/pull/11878).
  if (!fn.aliases[alias]) return;
  if (fn.urls[alias]) await env.urls.close(fn.name, alias);
  delete fn.urls[alias];
  delete fn.aliases[alias];
  delete fn.policies[alias];
}

export function listAliases(env: LambdaEnv, rawName: string, query: URLSearchParams) {
  const fn = getFn(env, parseFunctionName(rawName).name);
  const version = query.get('FunctionVersion');
  const all = Object.values(fn.aliases)
    .filter((a) => !version || a.functionVersion === version)
    .sort((a, b) => a.name.localeCompare(b.name));
  const p = page(all, query.get('Marker') ?? undefined, maxItems(query, 50), badMarker);
  return { Aliases: p.items.map((a) => render(env, fn, a)), NextMarker: p.next };
}
