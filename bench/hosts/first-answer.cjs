// Like cold.cjs for one HTTP event, and prints when the answer was ready: ms since the process
// started (performance.now() counts from Node's start), so spawn and exit are left out.
void process.stdout;
const events = require('./event.cjs');
const { handler } = require(process.argv[2]);
// argv[3]: the path to request (default: the sample app's /users/42?fields=name).
const path = process.argv[3];
handler(path ? events.functionUrlGet(path.split('?')[0], path.split('?')[1] ?? '') : events.functionUrlGet('/users/42', 'fields=name'), events.context()).then(
  (r) => {
    const at = performance.now();
    const cpu = process.cpuUsage();
    if (!r || r.statusCode !== 200) throw new Error('unexpected answer ' + JSON.stringify(r).slice(0, 300));
    // CPU time too (user + system, µs → ms): on a busy machine it moves less than wall time.
    process.stdout.write(`\nfirst-answer-ms ${at}\nfirst-answer-cpu-ms ${(cpu.user + cpu.system) / 1000}\n`);
    process.exit(0);
  },
).catch((e) => {
  console.error(e);
  process.exit(1);
});
