import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from './errors';

/** What a handler answers; the server writes it. */
export interface HttpReply {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** A body written as it is made (chunked): status and headers are set on `res`, unsent; this may add headers, then writes and ends it. */
  stream?: (res: ServerResponse) => Promise<void>;
}

/** Reads a request body, refusing (without buffering the rest) beyond `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      reject(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function tooLarge(limit: number): AwsError {
  return new AwsError('RequestEntityTooLargeException', `Request must be smaller than ${limit} bytes`, 413);
}

export function writeReply(res: ServerResponse, reply: HttpReply): void {
  if (reply.stream) {
    res.statusCode = reply.status;
    for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
    reply.stream(res).catch(() => res.destroy());
    return;
  }
  const body = reply.body === undefined ? undefined : Buffer.isBuffer(reply.body) ? reply.body : Buffer.from(reply.body);
  res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(body?.length ?? 0) });
  res.end(body);
}

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): HttpReply {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(value) };
}
