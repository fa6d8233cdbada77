/**
 * A stand-in for the Lambda Invoke API on 127.0.0.1 (`POST /2015-03-31/functions/{name}/invocations`,
 * real HTTP, reached through AWS_ENDPOINT_URL), recording when each invocation arrived and was answered.
 * Mode "containers" runs each invocation in its own fresh artifact process, as Lambda places
 * overlapping invocations in separate containers; mode "gate" answers nothing until `gate` requests are
 * in flight together (or a deadline passes), which proves the caller really sends them at once.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ArtifactProcess } from './artifact-process';

export interface InvokeCall {
  functionName: string;
  payload: any;
  arrivedAt: number;
  answeredAt?: number;
  status?: number;
}

export interface StandInOptions {
  mode: 'containers' | 'gate';
  /** For "containers": the unzipped artifact and the environment each container gets. */
  taskDir?: string;
  env?: Record<string, string>;
  /** For "gate": answer once this many requests are in flight, or after gateTimeoutMs. */
  gate?: number;
  gateTimeoutMs?: number;
  /** Fanout indexes answered 429 TooManyRequestsException, as Lambda does when concurrency runs out. */
  throttle?: number[];
}

export interface InvokeStandIn {
  url: string;
  calls: InvokeCall[];
  /** The most requests that were in flight at the same moment. */
  maxInFlight(): number;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export async function startInvokeStandIn(opts: StandInOptions): Promise<InvokeStandIn> {
  const calls: InvokeCall[] = [];
  const processes = new Set<ArtifactProcess>();
  let inFlight = 0;
  let peak = 0;
  const waiters: (() => void)[] = [];

  const gateOpen = () =>
    new Promise<void>((resolve) => {
      if (inFlight >= (opts.gate ?? 1)) {
        waiters.splice(0).forEach((w) => w());
        return resolve();
      }
      waiters.push(resolve);
      setTimeout(resolve, opts.gateTimeoutMs ?? 3000).unref();
    });

  async function answer(call: InvokeCall): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    const index = call.payload?.fanout?.index;
    if (opts.throttle?.includes(index)) {
      return {
        status: 429,
        body: { Type: 'User', message: 'Rate Exceeded.', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' },
        headers: { 'x-amzn-errortype': 'TooManyRequestsException' },
      };
    }
    if (opts.mode === 'gate') {
      await gateOpen();
      return { status: 200, body: { zap: 'keep_warm', role: 'follower', container: `gate-${index}`, cold: true, app_ready: false } };
    }
    const container = new ArtifactProcess(opts.taskDir!, opts.env);
    processes.add(container);
    try {
      const out = await container.invoke(call.payload, { arn: call.functionName });
      if (out.error) return { status: 200, body: { errorType: out.error.name, errorMessage: out.error.message }, headers: { 'x-amz-function-error': 'Unhandled' } };
      return { status: 200, body: out.result, headers: { 'x-amz-executed-version': '1' } };
    } finally {
      await container.close();
      processes.delete(container);
    }
  }

  const server = createServer(async (req, res) => {
    const m = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(req.url?.split('?')[0] ?? '');
    if (req.method !== 'POST' || !m) return send(res, 404, { message: `stand-in: no route ${req.method} ${req.url}` });
    const call: InvokeCall = { functionName: decodeURIComponent(m[1]!), payload: undefined, arrivedAt: Date.now() };
    calls.push(call);
    inFlight++;
    peak = Math.max(peak, inFlight);
    try {
      call.payload = JSON.parse((await readBody(req)) || 'null');
      const out = await answer(call);
      call.status = out.status;
      send(res, out.status, out.body, out.headers);
    } catch (err) {
      send(res, 500, { message: String(err) });
    } finally {
      call.answeredAt = Date.now();
      inFlight--;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    maxInFlight: () => peak,
    async close() {
      await Promise.all([...processes].map((p) => p.close()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
