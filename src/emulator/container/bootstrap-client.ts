// The runtime's side of the Lambda Runtime API, over plain node:http (as the managed runtime's client).
import { Agent, request } from 'node:http';

export interface NextInvocation {
  requestId: string;
  deadlineMs: number;
  invokedFunctionArn: string;
  traceId: string | undefined;
  clientContext: string | undefined;
  body: Buffer;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function call(method: string, path: string, body?: Buffer, headers: Record<string, string> = {}) {
  const [host, port] = (process.env.AWS_LAMBDA_RUNTIME_API ?? '').split(':');
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      const req = request({ host, port: Number(port), method, path: `/2018-06-01/runtime${path}`, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    },
  );
}

export async function nextInvocation(): Promise<NextInvocation> {
  const res = await call('GET', '/invocation/next');
  if (res.status !== 200) throw new Error(`Runtime API /next answered ${res.status}`);
  const h = (name: string) => {
    const v = res.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  return {
    requestId: h('lambda-runtime-aws-request-id') ?? '',
    deadlineMs: Number(h('lambda-runtime-deadline-ms')),
    invokedFunctionArn: h('lambda-runtime-invoked-function-arn') ?? '',
    traceId: h('lambda-runtime-trace-id'),
    clientContext: h('lambda-runtime-client-context'),
    body: res.body,
  };
}

export async function postResponse(requestId: string, body: string): Promise<void> {
  await call('POST', `/invocation/${encodeURIComponent(requestId)}/response`, Buffer.from(body));
}

export interface ErrorBody { errorType: string; errorMessage: string; trace: string[] }

export async function postError(requestId: string, err: ErrorBody): Promise<void> {
  const headers = { 'Lambda-Runtime-Function-Error-Type': err.errorType, 'Content-Type': 'application/json' };
  await call('POST', `/invocation/${encodeURIComponent(requestId)}/error`, Buffer.from(JSON.stringify(err)), headers);
}

export async function postInitError(err: ErrorBody): Promise<void> {
  const headers = { 'Lambda-Runtime-Function-Error-Type': err.errorType, 'Content-Type': 'application/json' };
  await call('POST', '/init/error', Buffer.from(JSON.stringify(err)), headers);
}

/** `{errorType, errorMessage, trace}` from anything thrown, as Lambda's Node runtime serialises it. */
export function toErrorBody(e: unknown, errorType?: string): ErrorBody {
  if (e instanceof Error) {
    return { errorType: errorType ?? e.name, errorMessage: e.message, trace: (e.stack ?? '').split('\n') };
  }
  return { errorType: errorType ?? 'Error', errorMessage: String(e), trace: [] };
}
