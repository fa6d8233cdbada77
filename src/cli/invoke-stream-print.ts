import type { StreamOutcome } from '../aws/invoke-stream';
import { colors } from '../core/output';
import { isText } from './invoke-print';

const DELIMITER = Buffer.alloc(8);
const PRELUDE_TYPE = 'application/vnd.awslambda.http-integration-response';

interface Head {
  statusCode?: number;
  headers?: Record<string, string>;
  cookies?: string[];
}

/**
 * Prints a streamed Function URL answer as it arrives: the status and headers from Lambda's HTTP
 * prelude (JSON, then 8 NUL bytes), then each text chunk at once. With --json it waits for the end.
 */
export function streamPrinter(opts: { json: boolean }) {
  let pending: Buffer | undefined = Buffer.alloc(0);
  let head: Head = {};
  let text = true;
  let bytes = 0;
  const body: Buffer[] = [];
  const out = process.stdout;
  const start = (h: Head) => {
    head = h;
    const type = Object.entries(h.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
    text = isText(type);
    if (opts.json) return;
    const c = colors();
    const status = Number(h.statusCode ?? 200);
    out.write(`${(status >= 500 ? c.red : status >= 400 ? c.yellow : c.green)(`HTTP ${status}`)} ${c.dim('(streamed)')}\n`);
    for (const [k, v] of Object.entries(h.headers ?? {})) out.write(`${c.dim(k)}: ${v}\n`);
    for (const cookie of h.cookies ?? []) out.write(`${c.dim('set-cookie')}: ${cookie}\n`);
    out.write('\n');
  };
  const bodyChunk = (b: Buffer) => {
    bytes += b.length;
    if (opts.json) body.push(b);
    else if (text && b.length) out.write(b);
  };
  return {
    chunk(bytesIn: Uint8Array) {
      const b = Buffer.from(bytesIn);
      if (!pending) return bodyChunk(b);
      pending = Buffer.concat([pending, b]);
      const end = pending.indexOf(DELIMITER);
      if (end < 0) return;
      const rest = pending.subarray(end + DELIMITER.length);
      start(parse(pending.subarray(0, end)));
      pending = undefined;
      bodyChunk(rest);
    },
    /** The exit code: 1 for a function error or an HTTP 5xx. */
    finish(outcome: StreamOutcome): number {
      if (outcome.logTail) process.stderr.write(outcome.logTail.endsWith('\n') ? outcome.logTail : `${outcome.logTail}\n`);
      // No prelude: a function that does not send Lambda's HTTP prelude streamed a plain 200 body.
      if (pending) {
        const raw = pending;
        pending = undefined;
        if (outcome.contentType === PRELUDE_TYPE) start(parse(raw));
        else (start({ statusCode: 200, headers: { 'content-type': outcome.contentType ?? 'application/octet-stream' } }), bodyChunk(raw));
      }
      if (outcome.functionError) {
        process.stderr.write(`\nfunction error (${outcome.functionError}): ${outcome.errorDetails ?? ''}\n`);
        return 1;
      }
      const status = Number(head.statusCode ?? 200);
      if (opts.json) {
        const all = Buffer.concat(body);
        const shown = text ? all.toString('utf8') : `<${all.length} bytes>`;
        out.write(JSON.stringify({ status, headers: head.headers ?? {}, cookies: head.cookies ?? [], body: shown, version: outcome.executedVersion, streamed: true }) + '\n');
      } else if (!text) out.write(`<${bytes} bytes of ${head.headers?.['content-type'] ?? 'binary'}>\n`);
      else out.write('\n');
      return status >= 500 ? 1 : 0;
    },
  };
}

function parse(b: Buffer): Head {
  try {
    const v = JSON.parse(b.toString('utf8'));
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}
