/**
 * The HTTP events zap's handler tells apart, each by a named guard that says why it is enough.
 * zap's own events (keep-warm, compile cache) are wire contracts: src/contracts.
 */
import { isObject } from '../contracts/json';

export type HttpSource = 'api-gateway-v1' | 'api-gateway-v2' | 'alb';

/** ALB target-group events carry `requestContext.elb` (docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html). */
export function isAlbEvent(event: unknown): boolean {
  return isObject(event) && isObject(event.requestContext) && isObject(event.requestContext.elb);
}

/** HTTP API payload 2.0 and Function URLs share one shape: `version: "2.0"` plus `requestContext.http`. */
export function isHttpApiV2Event(event: unknown): boolean {
  return (
    isObject(event) && event.version === '2.0' && isObject(event.requestContext) && isObject(event.requestContext.http)
  );
}

/** REST API (payload 1.0) events name the method at the top level as `httpMethod`. */
export function isRestApiV1Event(event: unknown): boolean {
  return isObject(event) && isObject(event.requestContext) && typeof event.httpMethod === 'string';
}

/** Which HTTP front door sent the event, or undefined when it is not an HTTP event at all. */
export function httpSourceOf(event: unknown): HttpSource | undefined {
  if (isAlbEvent(event)) return 'alb';
  if (isHttpApiV2Event(event)) return 'api-gateway-v2';
  if (isRestApiV1Event(event)) return 'api-gateway-v1';
  return undefined;
}

/** A short, safe description of an event for error messages: its top-level keys, never its values. */
export function describeEvent(event: unknown): string {
  if (event === null || event === undefined) return String(event);
  if (Array.isArray(event)) return `an array of ${event.length}`;
  if (!isObject(event)) return `a ${typeof event}`;
  const keys = Object.keys(event).slice(0, 12);
  return keys.length ? `an object with keys ${keys.join(', ')}` : 'an empty object';
}
