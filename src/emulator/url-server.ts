import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AwsError } from './errors';
import { newRequestId } from './context';
import { readBody } from './http';
import { closeServer, listenLoopback } from './loopback';
import type { LambdaEnv, UrlListeners } from './lambda/env';
import { runInvocation, SYNC_PAYLOAD_LIMIT } from './lambda/invoke';
import { statementsFor } from './lambda/permissions';
import { allows } from './lambda/policy';
import { corsHeaders, isPreflight, type CorsConfig } from './url-cors';
import { serveStreamed } from './url-stream';
import { fromUrlResult, toUrlEvent } from '../contracts/function-url';

const FORBIDDEN_NONE = 'Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html';

/**
 * Since October 2025 a public (AuthType NONE) URL needs both lambda:InvokeFunctionUrl and
 * lambda:InvokeFunction (via the URL) granted to everyone: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html#urls-auth-none
 */
export function publicUrlAllowed(statements: Record<string, any>[]): boolean {
  const anyone = { anonymous: true };
  const keys = { 'lambda:FunctionUrlAuthType': 'NONE', 'lambda:InvokedViaFunctionUrl': 'true' };
  return (
    allows(statements, { action: 'lambda:InvokeFunctionUrl', principal: anyone, keys }) &&
    allows(statements, { action: 'lambda:InvokeFunction', principal: anyone, keys })
  );
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-RequestId': headers['x-amzn-RequestId'] ?? newRequestId(), ...headers });
  res.end(text);
}

/** One HTTP listener per Function URL, on 127.0.0.1 only. */
export class UrlServers implements UrlListeners {
  private readonly servers = new Map<string, Server>();
  env?: LambdaEnv;

  async open(fn: string, qualifier: string, port: number): Promise<number> {
    await this.close(fn, qualifier);
    const server = createServer((req, res) => void this.serve(fn, qualifier, req, res));
    server.keepAliveTimeout = 65000;
    const bound = await listenLoopback(server, port);
    this.servers.set(`${fn}\0${qualifier}`, server);
    return bound;
  }

  async close(fn: string, qualifier: string): Promise<void> {
    const key = `${fn}\0${qualifier}`;
    const server = this.servers.get(key);
    if (!server) return;
    this.servers.delete(key);
    await closeServer(server);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.servers.keys()].map((k) => this.close(...(k.split('\0') as [string, string]))));
  }

  private async serve(fn: string, qualifier: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const env = this.env!;
    const requestId = newRequestId();
    const ids = { 'x-amzn-RequestId': requestId };
    try {
      const url = env.data.functions[fn]?.urls[qualifier];
      if (!url) return send(res, 404, { Message: null }, ids);
      const cors = corsHeaders(url.cors as CorsConfig | undefined, req.method ?? 'GET', req.headers);
      if (url.cors && isPreflight(req.method ?? 'GET', req.headers)) {
        res.writeHead(200, { ...cors, ...ids });
        return void res.end();
      }
      if (url.authType === 'NONE' && !publicUrlAllowed(statementsFor(env, fn, qualifier || undefined))) {
        return send(res, 403, { Message: FORBIDDEN_NONE }, ids);
      }
      if (url.authType === 'AWS_IAM' && !/^AWS4-HMAC-SHA256 /.test(String(req.headers.authorization ?? ''))) {
        return send(res, 403, { Message: 'Forbidden' }, ids);
      }
      const body = await readBody(req, SYNC_PAYLOAD_LIMIT);
      const event = toUrlEvent(
        { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body, sourceIp: req.socket.remoteAddress ?? '127.0.0.1', httpVersion: req.httpVersion },
        { requestId, timeEpoch: Date.now(), accountId: env.ctx.accountId, urlId: `${fn}${qualifier ? `-${qualifier}` : ''}` },
      );
      if (url.invokeMode === 'RESPONSE_STREAM') return await serveStreamed(env, fn, qualifier, Buffer.from(JSON.stringify(event)), requestId, { ...cors, ...ids }, res);
      const r = await runInvocation(env, fn, qualifier || undefined, Buffer.from(JSON.stringify(event)), { requestId });
      if (r.functionError) return send(res, 502, { Message: 'Internal Server Error' }, ids);
      const out = fromUrlResult(r.payload);
      const headers: Record<string, string | string[]> = { ...out.headers, ...cors, 'x-amzn-RequestId': requestId };
      if (out.cookies.length) headers['set-cookie'] = out.cookies;
      res.writeHead(out.status, headers);
      res.end(out.body);
    } catch (err) {
      if (res.headersSent) return void res.destroy();
      if (err instanceof AwsError && err.code === 'TooManyRequestsException') return send(res, 429, { Message: 'Rate Exceeded.' }, ids);
      if (err instanceof AwsError && err.code === 'RequestEntityTooLargeException') return send(res, 413, { Message: 'Request Entity Too Large' }, ids);
      process.stderr.write(`zap emulator: function URL ${fn}: ${(err as Error).message}\n`);
      send(res, 502, { Message: 'Internal Server Error' }, ids);
    }
  }
}
