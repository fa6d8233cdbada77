import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Ctx } from './context';
import { newRequestId } from './context';
import { AwsError } from './errors';
import { eventsOperation } from './events/rules';
import { acmOperation } from './acm/certificates';
import { ec2Action } from './ec2/actions';
import { ec2Error, ec2Reply } from './ec2/xml';
import type { Faults } from './faults';
import { readBody, writeReply, type HttpReply } from './http';
import { IAM_XMLNS, iamAction } from './iam';
import { logsOperation } from './logs/api';
import { secretsOperation } from './secrets';
import type { EmulatorData } from './model';
import { parseTarget, parseJson11Body, json11Error, json11Reply } from './protocol/json11';
import { parseQueryParams, queryError, queryReply, queryService } from './protocol/query-xml';
import { matchRoute, restJsonError, type RestRoute } from './protocol/rest-json';
import { STS_XMLNS, stsAction } from './sts';
import { zapRoute, type ZapDeps } from './zap-routes';

/** https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html: CreateFunction's request limit. */
const LAMBDA_BODY_LIMIT = 70167211;
const OTHER_BODY_LIMIT = 10 * 1024 * 1024;

export interface ServerDeps {
  ctx: Ctx;
  data: EmulatorData;
  faults: Faults;
  /** REST-JSON operations (Lambda, API Gateway v2), told apart by path. */
  restRoutes: RestRoute[];
  zap: ZapDeps;
  /** Called after each operation that may have changed state. */
  changed(): void;
}

type Protocol = 'json11' | 'query' | 'rest';

function protocolOf(req: IncomingMessage, url: URL): Protocol {
  if (req.headers['x-amz-target']) return 'json11';
  const type = String(req.headers['content-type'] ?? '');
  if (type.startsWith('application/x-www-form-urlencoded') || (url.pathname === '/' && url.searchParams.has('Action'))) return 'query';
  return 'rest';
}

function unexpected(err: unknown): AwsError {
  if (err instanceof AwsError) return err;
  process.stderr.write(`zap emulator: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
  return new AwsError('ServiceException', 'The emulator hit an internal error; see its log.', 500);
}

async function dispatch(req: IncomingMessage, deps: ServerDeps, requestId: string): Promise<HttpReply> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = req.method ?? 'GET';
  if (url.pathname.startsWith('/_zap/')) return zapRoute(method, url.pathname, await readBody(req, 1024 * 1024), deps.zap);
  const protocol = protocolOf(req, url);
  // EC2 speaks its own dialect of the query protocol, errors included (src/emulator/ec2/xml.ts).
  const ec2 = protocol === 'query' && queryService(String(req.headers.authorization ?? ''), url.searchParams.get('Action') ?? undefined) === 'ec2';
  const fail = (err: unknown) =>
    protocol === 'json11' ? json11Error(unexpected(err), requestId) : ec2 ? ec2Error(unexpected(err), requestId) : protocol === 'query' ? queryError(unexpected(err), requestId) : restJsonError(unexpected(err), requestId);
  try {
    const body = await readBody(req, protocol === 'rest' ? LAMBDA_BODY_LIMIT : OTHER_BODY_LIMIT);
    const { name, run } = resolveOperation(req, url, body, deps, requestId, protocol);
    const delay = deps.faults.delayFor(name);
    if (delay) await new Promise((r) => setTimeout(r, delay));
    const fault = deps.faults.take(name);
    if (fault) throw fault;
    const reply = await run();
    if (method !== 'GET') deps.changed();
    return reply;
  } catch (err) {
    return fail(err);
  }
}

function resolveOperation(
  req: IncomingMessage, url: URL, body: Buffer, deps: ServerDeps, requestId: string, protocol: Protocol,
): { name: string; run: () => Promise<HttpReply> | HttpReply } {
  const { ctx, data } = deps;
  if (protocol === 'json11') {
    const target = parseTarget(String(req.headers['x-amz-target']));
    const op =
      target?.prefix === 'AWSEvents' ? eventsOperation(target.operation)
      : target?.prefix === 'Logs_20140328' ? logsOperation(target.operation)
      : target?.prefix === 'CertificateManager' ? acmOperation(target.operation)
      : target && secretsOperation(target.prefix, target.operation);
    if (!target || !op) throw new AwsError('UnknownOperationException', `Unknown operation ${String(req.headers['x-amz-target'])}`);
    return { name: target.operation, run: () => json11Reply(op(parseJson11Body(body), ctx, data), requestId) };
  }
  if (protocol === 'query') {
    const params = parseQueryParams(body, url.searchParams);
    const action = params.Action;
    if (!action) throw new AwsError('MissingAction', 'Missing Action', 400);
    const service = queryService(String(req.headers.authorization ?? ''), action);
    if (service === 'ec2') {
      const ec2Op = ec2Action(action);
      if (!ec2Op) throw new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`, 400);
      return { name: action, run: () => ec2Reply(action, ec2Op(params, ctx, data), requestId) };
    }
    if (service === 'sts') {
      const sts = stsAction(action);
      if (!sts) throw new AwsError('InvalidAction', `Could not find operation ${action} for version 2011-06-15`, 400);
      return { name: action, run: () => queryReply(action, STS_XMLNS, sts(ctx), requestId) };
    }
    const iam = iamAction(action);
    if (!iam) throw new AwsError('InvalidAction', `Could not find operation ${action} for version 2010-05-08`, 400);
    return { name: action, run: () => queryReply(action, IAM_XMLNS, iam(params, ctx, data), requestId) };
  }
  const hit = matchRoute(deps.restRoutes, req.method ?? 'GET', url.pathname);
  if (!hit) throw new AwsError('UnknownOperationException', `Unknown operation: ${req.method} ${url.pathname}`, 404);
  return {
    name: hit.route.operation,
    run: () => hit.route.handle({ params: hit.params, query: url.searchParams, headers: req.headers, body }, requestId),
  };
}

/** The one request handler behind the emulator's port: every service, told apart by protocol. */
export function requestHandler(getDeps: () => ServerDeps | undefined) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const deps = getDeps();
    const requestId = newRequestId();
    if (!deps) return writeReply(res, { status: 503, body: 'starting' });
    dispatch(req, deps, requestId).then(
      (reply) => writeReply(res, { ...reply, headers: { 'x-amzn-RequestId': requestId, ...reply.headers } }),
      (err) => writeReply(res, restJsonError(unexpected(err), requestId)),
    );
  };
}
