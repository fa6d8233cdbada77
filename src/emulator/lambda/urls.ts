import { conflict, invalidParam, notFound, validation } from '../errors';
import { page } from '../context';
import type { FnRecord, UrlRecord } from '../model';
import { arnOf, getFn, type LambdaEnv } from './env';
import { badMarker, maxItems } from './paging';
import { isVersionNumber, parseFunctionName } from './names';

const key = (q: string | undefined) => q ?? '';

function render(env: LambdaEnv, fn: FnRecord, u: UrlRecord) {
  return {
    FunctionUrl: `http://127.0.0.1:${u.port}/`,
    FunctionArn: arnOf(env, fn.name, u.qualifier || undefined),
    AuthType: u.authType,
    Cors: u.cors,
    CreationTime: new Date(u.creationTime).toISOString(),
    LastModifiedTime: new Date(u.lastModifiedTime).toISOString(),
    InvokeMode: u.invokeMode,
  };
}

function checkAuthType(v: unknown): 'NONE' | 'AWS_IAM' {
  if (v !== 'NONE' && v !== 'AWS_IAM') {
    throw validation('authType', v, 'Member must satisfy enum value set: [NONE, AWS_IAM]');
  }
  return v;
}

function checkInvokeMode(v: unknown): 'BUFFERED' | 'RESPONSE_STREAM' {
  if (v !== 'BUFFERED' && v !== 'RESPONSE_STREAM') {
    throw validation('invokeMode', v, 'Member must satisfy enum value set: [BUFFERED, RESPONSE_STREAM]');
  }
  return v;
}

function target(env: LambdaEnv, rawName: string, qualifier: string | null) {
  const ref = parseFunctionName(rawName, qualifier);
  const fn = getFn(env, ref.name, ref.qualifier);
  // https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunctionUrlConfig.html: $LATEST or an alias, never a version.
  if (ref.qualifier && (isVersionNumber(ref.qualifier) || (ref.qualifier !== '$LATEST' && !fn.aliases[ref.qualifier]))) {
    if (isVersionNumber(ref.qualifier)) throw invalidParam('Function URLs can only be created on $LATEST or an alias.');
    throw notFound(`Function not found: ${arnOf(env, fn.name, ref.qualifier)}`);
  }
  return { fn, q: ref.qualifier === '$LATEST' ? '' : key(ref.qualifier) };
}

function urlNotFound(): Error {
  return notFound('The resource you requested does not exist.');
}

export async function createUrl(env: LambdaEnv, rawName: string, qualifier: string | null, input: Record<string, any>) {
  const { fn, q } = target(env, rawName, qualifier);
  const authType = checkAuthType(input.AuthType);
  if (fn.urls[q]) {
    throw conflict(`Failed to create function url config for [functionArn = ${arnOf(env, fn.name, q || undefined)}]. Error message:  FunctionUrlConfig exists for this Lambda function`);
  }
  const now = env.ctx.now();
  const port = await env.urls.open(fn.name, q, 0);
  fn.urls[q] = { qualifier: q, authType, cors: input.Cors, invokeMode: checkInvokeMode(input.InvokeMode ?? 'BUFFERED'), port, creationTime: now, lastModifiedTime: now };
  const r = render(env, fn, fn.urls[q]);
  return { FunctionUrl: r.FunctionUrl, FunctionArn: r.FunctionArn, AuthType: r.AuthType, Cors: r.Cors, CreationTime: r.CreationTime, InvokeMode: r.InvokeMode };
}

export function getUrl(env: LambdaEnv, rawName: string, qualifier: string | null) {
  const { fn, q } = target(env, rawName, qualifier);
  const u = fn.urls[q];
  if (!u) throw urlNotFound();
  return render(env, fn, u);
}

export function updateUrl(env: LambdaEnv, rawName: string, qualifier: string | null, input: Record<string, any>) {
  const { fn, q } = target(env, rawName, qualifier);
  const u = fn.urls[q];
  if (!u) throw urlNotFound();
  if (input.AuthType !== undefined) u.authType = checkAuthType(input.AuthType);
  if (input.Cors !== undefined) u.cors = input.Cors;
  if (input.InvokeMode !== undefined) u.invokeMode = checkInvokeMode(input.InvokeMode);
  u.lastModifiedTime = env.ctx.now();
  return render(env, fn, u);
}

export async function deleteUrl(env: LambdaEnv, rawName: string, qualifier: string | null): Promise<void> {
  const { fn, q } = target(env, rawName, qualifier);
  if (!fn.urls[q]) throw urlNotFound();
  await env.urls.close(fn.name, q);
  delete fn.urls[q];
}

export function listUrls(env: LambdaEnv, rawName: string, query: URLSearchParams) {
  const fn = getFn(env, parseFunctionName(rawName).name);
  const all = Object.values(fn.urls).map((u) => render(env, fn, u));
  const p = page(all, query.get('Marker') ?? undefined, maxItems(query, 50), badMarker);
  return { FunctionUrlConfigs: p.items, NextMarker: p.next };
}
