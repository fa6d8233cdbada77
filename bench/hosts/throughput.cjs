// Warm events per second through several handlers in one process, one event at a time as Lambda
// delivers them. Batches alternate between handlers so that load from other processes on the machine
// hits every handler alike. argv: duration in ms, then handler files. Prints {"eps": {file: N}}.
const events = require('./event.cjs');
const duration = Number(process.argv[2]);
const handlers = process.argv.slice(3).map((file) => [file, require(file).handler]);
const context = events.context();
const BATCH = 100;

async function batch(handler) {
  for (let i = 0; i < BATCH; i++) {
    const r = await handler(events.functionUrlGet('/users/42', 'fields=name'), context);
    if (r.statusCode !== 200) throw new Error('status ' + r.statusCode);
  }
}

async function main() {
  for (const [, h] of handlers) for (let i = 0; i < 5; i++) await batch(h);
  const spent = new Map(handlers.map(([f]) => [f, 0n]));
  const counts = new Map(handlers.map(([f]) => [f, 0]));
  const end = process.hrtime.bigint() + BigInt(duration) * 1000000n;
  for (let round = 0; process.hrtime.bigint() < end; round++) {
    // Rotate who goes first, so no handler always runs right after the same neighbour.
    const order = handlers.map((_, i) => handlers[(i + round) % handlers.length]);
    for (const [file, h] of order) {
      const t = process.hrtime.bigint();
      await batch(h);
      spent.set(file, spent.get(file) + (process.hrtime.bigint() - t));
      counts.set(file, counts.get(file) + BATCH);
    }
  }
  const eps = Object.fromEntries(handlers.map(([f]) => [f, counts.get(f) / (Number(spent.get(f)) / 1e9)]));
  process.stdout.write(JSON.stringify({ eps }));
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
