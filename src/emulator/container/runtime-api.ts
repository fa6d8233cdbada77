// One container's Lambda Runtime API on 127.0.0.1: the only way its runtime gets work.
// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PendingInvocation {
  requestId: string;
  payload: Buffer;
  /** The deadline is set when the runtime takes the invocation, so init time is not taken from it. */
  timeoutMs: number;
  invokedFunctionArn: string;
  traceId: string;
  clientContext?: string;
}

export interface RuntimeApiEvents {
  /** The runtime asked for work (the first time marks the end of init). */
  onNext(): void;
  /** An invocation was handed to the runtime: its Duration starts now. */
  onDelivered(requestId: string): void;
  onResponse(requestId: string, body: Buffer): void;
  onError(requestId: string, body: Buffer, errorType: string | undefined): void;
  onInitError(body: Buffer, errorType: string | undefined): void;
  /** A streamed response began (`Lambda-Runtime-Function-Response-Mode: streaming`); chunks follow, then onResponse or onError. */
  onStreamStart?(requestId: string, contentType: string): void;
  onStreamChunk?(requestId: string, chunk: Buffer): void;
}

const PREFIX = '/2018-06-01/runtime';
// Lambda's own cap on a synchronous response; a bigger body is refused, not buffered.
const MAX_BODY = 6 * 1024 * 1024 + 1024;

export class RuntimeApi {
  private server: Server;
  private waiting: ServerResponse | undefined;
  private pending: PendingInvocation | undefined;
  private inFlight: string | undefined;
  private streaming: IncomingMessage | undefined;

  constructor(private readonly events: RuntimeApiEvents) {
    this.server = createServer((req, res) => this.route(req, res));
    this.server.keepAliveTimeout = 0;
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Hands an invocation to the runtime now, or on its next `/invocation/next`. */
  deliver(inv: PendingInvocation): void {
    this.pending = inv;
    this.flush();
  }

  close(): void {
    this.waiting = undefined;
    this.server.close();
    this.server.closeAllConnections();
  }

  private flush(): void {
    const res = this.waiting;
    const inv = this.pending;
    if (!res || !inv) return;
    this.waiting = undefined;
    this.pending = undefined;
    this.inFlight = inv.requestId;
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'Lambda-Runtime-Aws-Request-Id': inv.requestId,
      'Lambda-Runtime-Deadline-Ms': String(Date.now() + inv.timeoutMs),
      'Lambda-Runtime-Invoked-Function-Arn': inv.invokedFunctionArn,
      'Lambda-Runtime-Trace-Id': inv.traceId,
    };
    if (inv.clientContext) headers['Lambda-Runtime-Client-Context'] = inv.clientContext;
    res.writeHead(200, headers).end(inv.payload);
    this.events.onDelivered(inv.requestId);
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    const url = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && url === `${PREFIX}/invocation/next`) {
      this.waiting = res;
      res.on('close', () => { if (this.waiting === res) this.waiting = undefined; });
      this.events.onNext();
      this.flush();
      return;
    }
    const m = /^\/2018-06-01\/runtime\/(?:invocation\/([^/]+)\/(response|error)|init\/(error))$/.exec(url);
    if (req.method !== 'POST' || !m) return reply(res, 404, 'UnknownPath', `no route for ${req.method} ${url}`);
    if (m[2] === 'response' && header(req, 'lambda-runtime-function-response-mode') === 'streaming') return this.streamed(m, req, res);
    readBody(req).then(
      (body) => this.posted(m, body, req, res),
      () => this.tooLarge(m, res),
    );
  }

  private posted(m: RegExpExecArray, body: Buffer, req: IncomingMessage, res: ServerResponse): void {
    const errorType = header(req, 'lambda-runtime-function-error-type');
    if (m[3]) {
      reply(res, 202, undefined, 'OK');
      this.events.onInitError(body, errorType);
      return;
    }
    const requestId = decodeURIComponent(m[1]);
    if (requestId !== this.inFlight) return reply(res, 400, 'InvalidRequestID', `unknown request id ${requestId}`);
    this.inFlight = undefined;
    reply(res, 202, undefined, 'OK');
    if (m[2] === 'response') this.events.onResponse(requestId, body);
    else this.events.onError(requestId, body, errorType);
  }

  /** Ends the streamed response now (its reader went away): the runtime's stream errors, as its connection drops. */
  abortStream(requestId: string): void {
    const req = this.streaming;
    if (!req || this.inFlight !== requestId) return;
    this.streaming = undefined;
    this.inFlight = undefined;
    req.destroy();
    this.events.onResponse(requestId, Buffer.alloc(0));
  }

  /** Chunks pass on as they arrive; the trailers say whether the function failed mid-stream. */
  private streamed(m: RegExpExecArray, req: IncomingMessage, res: ServerResponse): void {
    const requestId = decodeURIComponent(m[1]);
    if (requestId !== this.inFlight) return reply(res, 400, 'InvalidRequestID', `unknown request id ${requestId}`);
    this.streaming = req;
    this.events.onStreamStart?.(requestId, header(req, 'content-type') ?? 'application/octet-stream');
    req.on('data', (c: Buffer) => this.events.onStreamChunk?.(requestId, c));
    req.on('end', () => {
      if (this.streaming !== req) return;
      this.streaming = undefined;
      this.inFlight = undefined;
      reply(res, 202, undefined, 'OK');
      const errorType = req.trailers['lambda-runtime-function-error-type'];
      if (!errorType) return this.events.onResponse(requestId, Buffer.alloc(0));
      const body = Buffer.from(req.trailers['lambda-runtime-function-error-body'] ?? '', 'base64');
      this.events.onError(requestId, body.length ? body : Buffer.from(JSON.stringify({ errorType, errorMessage: errorType })), errorType);
    });
  }

  private tooLarge(m: RegExpExecArray, res: ServerResponse): void {
    reply(res, 413, 'RequestEntityTooLarge', 'response body too large');
    const requestId = m[1] && decodeURIComponent(m[1]);
    if (!requestId || requestId !== this.inFlight) return;
    this.inFlight = undefined;
    const errorType = 'Function.ResponseSizeTooLarge';
    const errorMessage = `Response payload size exceeded maximum allowed payload size (${6 * 1024 * 1024} bytes).`;
    this.events.onError(requestId, Buffer.from(JSON.stringify({ errorType, errorMessage })), errorType);
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function reply(res: ServerResponse, status: number, errorType: string | undefined, message: string): void {
  const body = errorType ? { errorMessage: message, errorType } : { status: message };
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // An oversized body is drained, not cut off, so the runtime gets its 413 and carries on.
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
      else chunks.length = 0;
    });
    req.on('end', () => (size > MAX_BODY ? reject(new Error('too large')) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}
