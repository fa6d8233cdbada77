/**
 * The bundle's source, read once into a buffer that already holds Node's CommonJS wrapper around
 * it, and turned into one flat string: V8 compiles exactly `Module.wrap(source)` as before, but
 * the source is not copied three times first (bytes → UTF-8 decoded string → wrapper + string,
 * which V8 flattens into a third copy before compiling). On a microVM (Lambda's Firecracker, and
 * the bench's machine) fresh memory costs page faults: measured, each copy of a 0.9 MB bundle
 * took 3-9 ms. A bundle of ASCII only decodes as latin1, the same string without UTF-8 decoding
 * (esbuild escapes non-ASCII in code, but keeps comments as written). The function variable
 * ZAP_ONE_COPY_LOAD=off takes the former path (bench: "one-copy load").
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type Module from 'node:module';

export const ONE_COPY_ENV = 'ZAP_ONE_COPY_LOAD';

/** A function variable that is on unless set to "off", "false" or "0". */
export function notOff(raw: string | undefined): boolean {
  return !['off', 'false', '0'].includes((raw ?? '').trim().toLowerCase());
}

export function oneCopyEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return notOff(env[ONE_COPY_ENV]);
}

export interface WrappedSource {
  /** `Module.wrap(source)` as one flat string; absent for a file with a byte-order mark or an odd wrapper (then wrap as Node does). */
  wrapped?: string;
  /** The file's bytes (a view into the same buffer): the cache header's checks read them. */
  bytes: Buffer;
}

/** Node's wrapper as its two halves, or undefined if Module.wrap was replaced by something this cannot split. */
function wrapperHalves(M: typeof Module & { wrap(s: string): string }): [string, string] | undefined {
  const [pre, post, more] = M.wrap('\u0000').split('\u0000');
  return post === undefined || more !== undefined ? undefined : [pre!, post];
}

/** The whole file, read at `offset` of a buffer with `after` bytes to spare at its end. */
function readWithRoom(file: string, offset: number, after: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.allocUnsafe(offset + size + after);
    let done = 0;
    for (let n = 1; done < size && n > 0; done += n) n = readSync(fd, buf, offset + done, size - done, done);
    if (done < size) throw new Error(`${file} shrank while it was read`);
    return buf;
  } finally {
    closeSync(fd);
  }
}

/** The bytes of `file`, and its wrapped source made with one copy unless the file starts with a byte-order mark (Node strips it). */
export function readWrapped(file: string, M: typeof Module & { wrap(s: string): string }): WrappedSource {
  const halves = wrapperHalves(M);
  const [pre, post] = halves ?? ['', ''];
  const buf = readWithRoom(file, pre.length, post.length);
  const bytes = buf.subarray(pre.length, buf.length - post.length);
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (!halves || bom || !/^[\x00-\x7f]*$/.test(pre + post)) return { bytes };
  buf.write(pre, 0, 'latin1');
  buf.write(post, pre.length + bytes.length, 'latin1');
  // Decoding the ASCII halves with the file gives the same text as decoding the file alone: an
  // ASCII byte never continues a UTF-8 sequence, so a broken one at either end decodes as before.
  const { isAscii } = require('node:buffer') as typeof import('node:buffer');
  return { wrapped: buf.toString(isAscii(bytes) ? 'latin1' : 'utf8'), bytes };
}
