import type { HttpSource } from './events';

/** A plain-text answer in the shape the given front door expects, for when the app cannot answer. */
export function gatewayResponse(source: HttpSource, event: unknown, statusCode: number, message: string) {
  const contentType = 'text/plain; charset=utf-8';
  const body = message + '\n';
  if (source === 'api-gateway-v2') {
    return { statusCode, headers: { 'content-type': contentType }, body, isBase64Encoded: false };
  }
  if (source === 'api-gateway-v1') {
    return { statusCode, multiValueHeaders: { 'content-type': [contentType] }, body, isBase64Encoded: false };
  }
  // ALB answers in whichever header form the target group sends (multi-value headers on or off).
  const multi = typeof event === 'object' && event !== null && 'multiValueHeaders' in event;
  return {
    statusCode,
    statusDescription: `${statusCode} ${statusCode === 502 ? 'Bad Gateway' : 'Error'}`,
    ...(multi ? { multiValueHeaders: { 'content-type': [contentType] } } : { headers: { 'content-type': contentType } }),
    body,
    isBase64Encoded: false,
  };
}
