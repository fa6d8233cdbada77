import type { FunctionVersionSpec, InvokeResult, StreamSink } from '../container/types';
import { AwsError, conflict } from '../errors';
import { newRequestId } from '../context';
import type { HttpReply } from '../http';
import type { FnRecord, FnVersion } from '../model';
import type { RestRequest } from '../protocol/rest-json';
import { arnOf, getFn, resolveVersion, type LambdaEnv } from './env';
import { parseFunctionName } from './names';

/** https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
export const SYNC_PAYLOAD_LIMIT = 6291456;
export const ASYNC_PAYLOAD_LIMIT = 1048576;

export async function specFor(env: LambdaEnv, fn: FnRecord, v: FnVersion): Promise<FunctionVersionSpec> {
  return {
    functionName: fn.name,
    functionArn: arnOf(env, fn.name),
    version: v.version,
    codeSha256: v.codeSha256,
    codeDir: await env.code.ensure(v.codeKey),
    handler: v.handler,
    runtime: v.runtime,
    memorySize: v.memorySize,
    timeoutSeconds: v.timeout,
    environment: v.environment,
    region: env.ctx.region,
    accountId: env.ctx.accountId,
    logGroup: `/aws/lambda/${fn.name}`,
  };
}

/** https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html: a Pending function refuses invocations. */
export function assertActive(env: LambdaEnv, v: FnVersion): void {
  if (env.ctx.now() < v.activeAt) {
    throw conflict('The operation cannot be performed at this time. The function is currently in the following state: Pending');
  }
}

export interface RunOptions {
  requestId?: string;
  clientContext?: string;
  /** Takes a streamed answer as it comes (see StreamSink). */
  stream?: StreamSink;
}

/** One invocation through a qualifier: state and concurrency checks, then a container. */
export async function runInvocation(
  env: LambdaEnv, name: string, qualifier: string | undefined, payload: Buffer, opts: RunOptions = {},
): Promise<InvokeResult & { requestId: string }> {
  const fn = getFn(env, name, qualifier);
  const v = resolveVersion(env, fn, qualifier);
  assertActive(env, v);
  // https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html
  if (fn.reservedConcurrency !== undefined && env.pool.busyCount(fn.name) >= fn.reservedConcurrency) {
    throw new AwsError('TooManyRequestsException', 'Rate Exceeded.', 429, { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
  }
  const requestId = opts.requestId ?? newRequestId();
  const spec = await specFor(env, fn, v);
  const result = await env.pool.invoke(spec, payload, {
    requestId, invokedFunctionArn: arnOf(env, fn.name, qualifier), clientContext: opts.clientContext, stream: opts.stream,
  });
  return { ...result, requestId };
}

export function header(req: RestRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** X-Amz-Invocation-Type, refused as Lambda refuses a value outside the operation's set. */
export function invocationType(req: RestRequest, allowed: string[]): string {
  const type = header(req, 'X-Amz-Invocation-Type') ?? 'RequestResponse';
  if (!allowed.includes(type)) {
    throw new AwsError('ValidationException', `1 validation error detected: Value '${type}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }
  return type;
}

/** The event: at most `limit` bytes, JSON (an empty body is `{}`), as Lambda checks it for `operation`. */
export function invocationPayload(req: RestRequest, limit: number, operation: string): Buffer {
  if (req.body.length > limit) {
    throw new AwsError('RequestEntityTooLargeException', `Request must be smaller than ${limit} bytes for the ${operation} operation`, 413);
  }
  const payload = req.body.length ? req.body : Buffer.from('{}');
  try {
    JSON.parse(payload.toString('utf8'));
  } catch {
    throw new AwsError('InvalidRequestContentException', 'Could not parse request body into json: Could not parse payload into json', 400);
  }
  return payload;
}

export async function invoke(env: LambdaEnv, req: RestRequest, requestId: string): Promise<HttpReply> {
  const ref = parseFunctionName(req.params.FunctionName, req.query.get('Qualifier'));
  const type = invocationType(req, ['Event', 'RequestResponse', 'DryRun']);
  const payload = invocationPayload(req, type === 'Event' ? ASYNC_PAYLOAD_LIMIT : SYNC_PAYLOAD_LIMIT, 'InvokeFunction');
  const fn = getFn(env, ref.name, ref.qualifier);
  const v = resolveVersion(env, fn, ref.qualifier);
  if (type === 'DryRun') return { status: 204, headers: { 'x-amzn-RequestId': requestId } };
  const opts = { requestId, clientContext: header(req, 'X-Amz-Client-Context') };
  if (type === 'Event') {
    assertActive(env, v);
    void runInvocation(env, ref.name, ref.qualifier, payload, opts).catch((err) => {
      process.stderr.write(`zap emulator: async invocation of ${ref.name} failed: ${(err as Error).message}\n`);
    });
    return { status: 202, headers: { 'x-amzn-RequestId': requestId } };
  }
  const r = await runInvocation(env, ref.name, ref.qualifier, payload, opts);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json', 'X-Amz-Executed-Version': r.executedVersion, 'x-amzn-RequestId': requestId,
  };
  if (r.functionError) headers['X-Amz-Function-Error'] = r.functionError;
  if (header(req, 'X-Amz-Log-Type') === 'Tail') headers['X-Amz-Log-Result'] = Buffer.from(r.logTail.slice(-4096)).toString('base64');
  return { status: 200, headers, body: r.payload };
}
