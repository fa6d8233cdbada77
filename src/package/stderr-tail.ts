import type { Readable } from 'node:stream';

/** The boot check keeps this much of the app's stderr: enough for the error an app prints before it exits. */
const KEEP = 8192;
const LINES = 3;

/** Stack frames, object braces and Node's version footer say nothing of the cause. */
const NOISE = /^(at\s|[{}\]]|Node\.js v\d)/;

/**
 * The last error the app printed: from the last line naming an Error (`migration failed Error: …`),
 * at most three lines of it without its stack; else the last three lines.
 */
export function lastError(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !NOISE.test(l));
  let at = -1;
  lines.forEach((l, i) => /Error\b/.test(l) && (at = i));
  return (at >= 0 ? lines.slice(at, at + LINES) : lines.slice(-LINES)).join(' ');
}

/** Reads a stream to its end, keeping its last few kilobytes. */
export function stderrTail(stream: Readable | null): { lines(): string } {
  let kept = '';
  stream?.on('data', (c: Buffer) => {
    kept = (kept + c.toString('utf8')).slice(-KEEP);
  });
  return { lines: () => lastError(kept) };
}
