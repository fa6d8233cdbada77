// One cold invocation: load the handler module, answer one event, exit. argv: handler file, "warm" | "http".
// Lambda's runtime sets up stdout (its log stream) before it loads the handler; so does this host.
void process.stdout;
const events = require('./event.cjs');
const { handler } = require(process.argv[2]);
const event = process.argv[3] === 'warm' ? events.warmPing() : events.functionUrlGet('/users/42', 'fields=name');
handler(event, events.context()).then(
  (r) => {
    const ok = process.argv[3] === 'warm' ? r && (r.zap === 'keep_warm' || r.ok) : r && r.statusCode === 200;
    if (!ok) throw new Error('unexpected answer ' + JSON.stringify(r).slice(0, 300));
    process.exit(0);
  },
).catch((e) => {
  console.error(e);
  process.exit(1);
});
