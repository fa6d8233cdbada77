import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { fromUrlResult } from '../../contracts/function-url';
import { newRequestId } from '../context';
import { AwsError } from '../errors';
import { readBody } from '../http';
import { runInvocation, SYNC_PAYLOAD_LIMIT } from '../lambda/invoke';
import { statementsFor } from '../lambda/permissions';
import { closeServer, listenLoopback } from '../loopback';
import type { ApiGatewayEnv, ApiListeners } from './env';
import { apiGatewayAllowed, executeApiArn, lambdaTargetOf, selectRoute, toApiEvent } from './event';

const STAGE = '$default';

function send(res: ServerResponse, status: number, message: string, requestId: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'apigw-requestid': requestId });
  res.end(JSON.stringify({ message }));
}

/** One HTTP listener per API endpoint, on 127.0.0.1 only; each request goes through the $default stage. */
export class ApiServers implements ApiListeners {
  private readonly servers = new Map<string, Server>();
  env?: ApiGatewayEnv;

  async open(apiId: string, port: number): Promise<number> {
    await this.close(apiId);
    const server = createServer((req, res) => void this.serve(apiId, req, res));
    server.keepAliveTimeout = 65000;
    const bound = await listenLoopback(server, port);
    this.servers.set(apiId, server);
    return bound;
  }

  async close(apiId: string): Promise<void> {
    const server = this.servers.get(apiId);
    if (!server) return;
    this.servers.delete(apiId);
    await closeServer(server);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.servers.keys()].map((id) => this.close(id)));
  }

  /** Answers as API Gateway does: 404 without a route or stage, 500 for a missing permission or a function error. */
  private async serve(apiId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const lambda = this.env!.lambda;
    const requestId = newRequestId();
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0];
    try {
      const api = lambda.data.apis[apiId];
      const route = api && selectRoute(api, method, path);
      if (!api || !route || !api.stages.some((s) => s.stageName === STAGE)) return send(res, 404, 'Not Found', requestId);
      const integration = api.integrations.find((i) => route.target === `integrations/${i.integrationId}`);
      if (!integration) return send(res, 500, 'Internal Server Error', requestId);
      const target = lambdaTargetOf(integration.integrationUri);
      const sourceArn = executeApiArn(lambda.ctx.region, lambda.ctx.accountId, apiId, STAGE, route.routeKey);
      if (!apiGatewayAllowed(statementsFor(lambda, target.name, target.qualifier), sourceArn)) {
        process.stderr.write(`zap emulator: API ${apiId}: ${sourceArn} may not invoke ${integration.integrationUri} (no permission for apigateway.amazonaws.com)\n`);
        return send(res, 500, 'Internal Server Error', requestId);
      }
      const body = await readBody(req, SYNC_PAYLOAD_LIMIT);
      const event = toApiEvent(
        { method, url: req.url ?? '/', headers: req.headers, body, sourceIp: req.socket.remoteAddress ?? '127.0.0.1', httpVersion: req.httpVersion },
        { requestId, timeEpoch: Date.now(), accountId: lambda.ctx.accountId, apiId, stage: STAGE, routeKey: route.routeKey },
      );
      const r = await runInvocation(lambda, target.name, target.qualifier, Buffer.from(JSON.stringify(event)));
      if (r.functionError) return send(res, 500, 'Internal Server Error', requestId);
      const out = fromUrlResult(r.payload);
      const headers: Record<string, string | string[]> = { ...out.headers, 'apigw-requestid': requestId };
      if (out.cookies.length) headers['set-cookie'] = out.cookies;
      res.writeHead(out.status, headers);
      res.end(out.body);
    } catch (err) {
      if (res.headersSent) return void res.destroy();
      if (err instanceof AwsError && err.code === 'TooManyRequestsException') return send(res, 429, 'Too Many Requests', requestId);
      if (err instanceof AwsError && err.code === 'RequestEntityTooLargeException') return send(res, 413, 'Request Entity Too Large', requestId);
      process.stderr.write(`zap emulator: API ${apiId}: ${(err as Error).message}\n`);
      send(res, 500, 'Internal Server Error', requestId);
    }
  }
}
