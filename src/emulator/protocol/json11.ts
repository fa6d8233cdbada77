import { AwsError } from '../errors';
import type { HttpReply } from '../http';

/** X-Amz-Target "AWSEvents.PutRule" → { prefix: "AWSEvents", operation: "PutRule" }. */
export function parseTarget(target: string | undefined): { prefix: string; operation: string } | undefined {
  const m = /^([A-Za-z0-9_]+)\.([A-Za-z0-9]+)$/.exec(target ?? '');
  return m ? { prefix: m[1], operation: m[2] } : undefined;
}

export function parseJson11Body(body: Buffer): Record<string, any> {
  if (body.length === 0) return {};
  try {
    const v = JSON.parse(body.toString('utf8'));
    if (v && typeof v === 'object' && !Array.isArray(v)) return v;
  } catch {}
  throw new AwsError('SerializationException', 'Malformed request body: expected a JSON object', 400);
}

export function json11Reply(value: unknown, requestId: string): HttpReply {
  return {
    status: 200,
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': requestId },
    body: JSON.stringify(value ?? {}),
  };
}

/** JSON 1.1 errors carry the code in __type: https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html */
export function json11Error(err: AwsError, requestId: string): HttpReply {
  return {
    status: err.status,
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': requestId },
    body: JSON.stringify({ __type: err.code, message: err.message, ...err.extra }),
  };
}
