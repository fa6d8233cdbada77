import type { InvokeOutcome } from '../aws/invoke';
import { httpResultOf } from '../deploy/http-event';
import { colors } from '../core/output';

/** Prints an invocation's outcome; returns the exit code (1 for a function error or an HTTP 5xx). */
export function printInvoke(out: InvokeOutcome, opts: { http: boolean; json: boolean }): number {
  if (out.logTail) process.stderr.write(out.logTail.endsWith('\n') ? out.logTail : `${out.logTail}\n`);
  if (out.functionError) {
    process.stderr.write(`function error (${out.functionError}):\n`);
    process.stdout.write(`${out.raw}\n`);
    return 1;
  }
  if (!opts.http) {
    process.stdout.write(`${opts.json ? JSON.stringify(out.payload) : JSON.stringify(out.payload, null, 2)}\n`);
    return 0;
  }
  const res = httpResultOf(out.raw);
  const text = isText(res.headers['content-type']) ? res.body.toString('utf8') : `<${res.body.length} bytes of ${res.headers['content-type'] ?? 'binary'}>`;
  if (opts.json) {
    process.stdout.write(JSON.stringify({ status: res.status, headers: res.headers, cookies: res.cookies, body: text, version: out.executedVersion }) + '\n');
  } else {
    const c = colors();
    const status = res.status >= 500 ? c.red : res.status >= 400 ? c.yellow : c.green;
    process.stdout.write(`${status(`HTTP ${res.status}`)} ${c.dim(`(version ${out.executedVersion})`)}\n`);
    for (const [k, v] of Object.entries(res.headers)) process.stdout.write(`${c.dim(k)}: ${v}\n`);
    for (const cookie of res.cookies) process.stdout.write(`${c.dim('set-cookie')}: ${cookie}\n`);
    process.stdout.write(`\n${text}\n`);
  }
  return res.status >= 500 ? 1 : 0;
}

export function isText(type: string | undefined): boolean {
  return !type || /^(text\/|application\/(json|javascript|xml|x-www-form-urlencoded)|image\/svg)/.test(type);
}
