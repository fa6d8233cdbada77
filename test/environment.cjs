// Jest's Node environment, plus one thing for the worker process it runs in: a prompt exit.
//
// At the end of a run Jest sends each worker "end" and kills any that has not exited within 500 ms,
// printing "A worker process has failed to exit gracefully". Ours had nothing left running by then
// (no timer, socket, server or child process: checked after every file and at "end"); they were
// slow to exit because of their size. Each test file loads zap and the AWS SDK into a context of
// its own, so a worker that ran a few dozen files holds 400-500 MB, and when its event loop drains
// Node tears all of that down before the process ends: 1.5-2 s after "end" with 3 workers on 2
// loaded cores (a forked child with 400 MB in 40 contexts: median 490 ms draining, 180 ms with
// process.exit). So once "end" has come and nothing but the stdio and IPC pipes is open, the worker
// exits at once. If anything else is still open, exit is left to Jest, which then reports the leak.
const { TestEnvironment } = require('jest-environment-node');

/** jest-worker's message to a child that the run is over (CHILD_MESSAGE_END in jest-worker/build/types.js). */
const CHILD_MESSAGE_END = 2;
/** What an idle worker has open: stdout, stderr (and stdin once something read process.stdin) and Jest's IPC channel. */
const IDLE = new Set(['PipeWrap', 'TTYWrap']);
const INSTALLED = Symbol.for('zap.test.exitOnEnd');

if (process.send && !process[INSTALLED]) {
  process[INSTALLED] = true;
  const onMessage = (message) => {
    if (!Array.isArray(message) || message[0] !== CHILD_MESSAGE_END) return;
    // Removed, as jest-worker removes its own, so that this listener does not hold the IPC channel open.
    process.off('message', onMessage);
    // After jest-worker's own handling of "end" (it has nothing more to do: no teardown in jest-runner's worker).
    setImmediate(() => {
      if (process.getActiveResourcesInfo().every((r) => IDLE.has(r))) process.exit(0);
    });
  };
  process.on('message', onMessage);
}

module.exports = TestEnvironment;
