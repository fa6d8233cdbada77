/**
 * `zap package`'s boot check, run by src/package/verify.ts in a fresh process of the function's
 * Node, inside the staged artifact (argv: the artifact's folder, the listen() wait in ms). It loads
 * the app bundle as the handler does and awaits its boot(); listen() is captured by the bundle
 * itself. It prints one marked JSON line and exits: apps may hold connections that keep a process up.
 */
import { writeSync } from 'node:fs';
import { loadAppBundle } from './compile-cache';
import { VERIFY_MARKER, type BootCheck } from '../contracts/boot-check';
import { APP_EXPORT_ERROR } from '../contracts/layout';
import { listenRegistry } from './capture/registry';

let reported = false;

function report(r: BootCheck): void {
  if (reported) return;
  reported = true;
  process.stdout.write(`\n${VERIFY_MARKER}${JSON.stringify(r)}\n`, () => process.exit(0));
}

function fail(e: unknown): void {
  const err = e as { name?: unknown; message?: unknown } | undefined;
  const name = typeof err?.name === 'string' ? err.name : 'Error';
  const waitedOn = name === APP_EXPORT_ERROR ? (listenRegistry().connections?.unreached() ?? []) : [];
  report({ error: { name, message: String(err?.message ?? e) }, ...(waitedOn.length ? { unreached: waitedOn } : {}) });
}

/**
 * What a boot starts without awaiting still happens on Lambda before the first request completes:
 * rotating-file-stream's mkdir/open of its log folder, a pool's first connect. A write into the code
 * folder made then kills the container with an 'error' event nobody handles (an HTTP 502 after a
 * deploy that said it succeeded), so the check lets the booted app run on while file-system work it
 * started is still in flight (each step may start the next), and reports the crash as the boot's
 * failure. At most SETTLE_MS: timers and sockets a server keeps open are not waited for.
 */
const SETTLE_MS = 300;

const fsPending = () => process.getActiveResourcesInfo().some((r) => r.startsWith('FSReq') || r === 'FileHandle');

/** Looked at again every millisecond, not at every turn of the loop: a turn with nothing else to do would spin a core for the whole wait. */
const LOOK_AGAIN_MS = 1;

async function settle(): Promise<void> {
  const until = Date.now() + SETTLE_MS;
  await new Promise((resolve) => setImmediate(resolve));
  while (fsPending() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, LOOK_AGAIN_MS));
}

type Booted = { zapBoot?: { how: string; detail: string } };

async function main(): Promise<void> {
  const [root, waitMs] = process.argv.slice(-2);
  const bundle = await loadAppBundle(root!, 0);
  const boot = bundle.exports.boot as ((opts: { waitMs: number }) => Promise<Booted>) | undefined;
  if (typeof boot !== 'function') throw new Error(`${bundle.bundle} exports no boot function`);
  const handler = await boot({ waitMs: Number(waitMs) });
  const how = handler.zapBoot ?? { how: 'export', detail: 'an app' };
  await settle();
  report({ booted: { how: how.how, detail: how.detail, format: bundle.file?.endsWith('.mjs') ? 'esm' : 'cjs' } });
}

process.on('uncaughtException', fail);
// An app that gives up at boot with process.exit(1) (`.catch((err) => { console.error(err); process.exit(1); })`)
// leaves no chance to report asynchronously: written at once, as a pipe takes it on Linux.
// The check's own time limit ran out (verify.ts): exit so the preload's exit handler writes its record.
process.on('SIGTERM', () => {
  reported = true;
  process.exit(143);
});
process.on('exit', (code) => {
  if (reported) return;
  reported = true;
  writeSync(1, `\n${VERIFY_MARKER}${JSON.stringify({ error: { name: 'ExitError', message: `the app called process.exit(${code}) while booting` } })}\n`);
});
// Node's loop emptied with boot() still pending (a promise nothing left running can settle);
// a turn later, so that boot's own answer to the same moment is reported first.
process.on('beforeExit', () => setImmediate(() => fail(new Error('boot() never settled: the app awaits something that nothing left running can finish'))));
main().catch(fail);
