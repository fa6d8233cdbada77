import { AwsError } from '../errors';
import type { HttpReply } from '../http';

/** A Lambda REST request after routing: path labels, query, headers and the raw body. */
export interface RestRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface RestRoute {
  method: string;
  /** e.g. /2015-03-31/functions/{FunctionName}/aliases/{Name} */
  path: string;
  operation: string;
  handle(req: RestRequest, requestId: string): Promise<HttpReply> | HttpReply;
}

/** Finds the route for a method and path; labels are URL-decoded ({Resource} may hold an ARN with ':'). */
export function matchRoute(
  routes: RestRoute[],
  method: string,
  pathname: string,
): { route: RestRoute; params: Record<string, string> } | undefined {
  const parts = trimSlash(pathname).split('/');
  for (const route of routes) {
    if (route.method !== method) continue;
    const tpl = trimSlash(route.path).split('/');
    if (tpl.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = tpl.every((t, i) => {
      if (t.startsWith('{')) {
        params[t.slice(1, -1)] = safeDecode(parts[i]);
        return parts[i].length > 0;
      }
      return t === parts[i];
    });
    if (ok) return { route, params };
  }
  return undefined;
}

const trimSlash = (p: string) => p.replace(/^\/+|\/+$/g, '');

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Parses a JSON request body; an empty body is an empty object. */
export function parseJsonBody(body: Buffer): Record<string, any> {
  if (body.length === 0) return {};
  try {
    const v = JSON.parse(body.toString('utf8'));
    if (v && typeof v === 'object' && !Array.isArray(v)) return v;
  } catch {}
  throw new AwsError('InvalidRequestContentException', 'Could not parse request body into json: Unexpected character', 400);
}

/** Lambda's error wire shape: the code in x-amzn-ErrorType, Type User/Service and the message in the body. */
export function restJsonError(err: AwsError, requestId: string): HttpReply {
  const body = { Type: err.isServerFault ? 'Service' : 'User', Message: err.message, message: err.message, ...err.extra };
  return {
    status: err.status,
    headers: {
      'Content-Type': 'application/json',
      'x-amzn-ErrorType': err.code,
      'x-amzn-RequestId': requestId,
    },
    body: JSON.stringify(body),
  };
}
