// Warm events per second through several handlers in one process, one event at a time as Lambda
// delivers them. Each round runs one batch per handler, back to back in rotating order, so that load
// from other processes on the machine hits every handler of a round alike; the row compares handlers
// round by round. argv: duration in ms, then handler files. Prints {"batch": N, "ms": {file: [ms per round]}}.
const events = require('./event.cjs');
const duration = Number(process.argv[2]);
const handlers = process.argv.slice(3).map((file) => [file, require(file).handler]);
const context = events.context();
const BATCH = 50;

async function batch(handler) {
  for (let i = 0; i < BATCH; i++) {
    const r = await handler(events.functionUrlGet('/users/42', 'fields=name'), context);
    if (r.statusCode !== 200) throw new Error('status ' + r.statusCode);
  }
}

async function main() {
  for (const [, h] of handlers) for (let i = 0; i < 20; i++) await batch(h);
  const ms = Object.fromEntries(handlers.map(([f]) => [f, []]));
  const end = process.hrtime.bigint() + BigInt(duration) * 1000000n;
  for (let round = 0; process.hrtime.bigint() < end; round++) {
    const order = handlers.map((_, i) => handlers[(i + round) % handlers.length]);
    for (const [file, h] of order) {
      const t = process.hrtime.bigint();
      await batch(h);
      ms[file].push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  process.stdout.write(JSON.stringify({ batch: BATCH, ms }));
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
