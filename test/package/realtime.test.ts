/** Real-time servers on the app's http.Server, and in-process schedulers, are named at package time: on Lambda they never deliver, or never run. */
import type { Metafile } from 'esbuild';
import { realtimeWarnings } from '../../src/package/realtime';
import { schedulerWarnings } from '../../src/package/schedulers';

const metafile = (inputs: string[]): Metafile => ({ inputs: Object.fromEntries(inputs.map((i) => [i, { bytes: 1, imports: [] }])), outputs: {} }) as Metafile;

test("socket.io attached to the server (socket.io's own tutorial): one warning naming socket.io, not the engine.io it brings", () => {
  const w = realtimeWarnings(metafile(['index.js', 'node_modules/socket.io/dist/index.js', 'node_modules/engine.io/build/server.js', 'node_modules/express/index.js']));
  expect(w).toEqual([
    "socket.io serves WebSockets or long-polling from the app's server: on Lambda upgrades never arrive and each polling session lives in one container " +
      '(a poll that lands on another answers 400), so real-time messages are not delivered; HTTP routes work. For real-time use an API Gateway WebSocket API or a hosted service',
  ]);
});

test('express-status-monitor (socket.io inside) and express-ws are named; an app without them gets nothing', () => {
  const w = realtimeWarnings(metafile(['node_modules/express-status-monitor/index.js', 'node_modules/socket.io/dist/index.js', 'node_modules/express-ws/index.js']));
  expect(w[0]).toMatch(/^express-ws, express-status-monitor serve WebSockets/);
  expect(realtimeWarnings(metafile(['app.js', 'node_modules/express/index.js', 'node_modules/ws/index.js']))).toEqual([]);
});

test('node-cron and cron schedules in the app: a warning that a frozen container runs no job, naming "events"; an app without a scheduler gets none', () => {
  const w = schedulerWarnings(metafile(['index.js', 'node_modules/node-cron/dist/cjs/node-cron.js', 'node_modules/cron/dist/index.js', 'node_modules/express/index.js']), 'dev');
  expect(w).toEqual([
    "node-cron, cron run scheduled jobs on the process's timers: on Lambda a container is frozen between requests, so a job runs only while a request happens to be in flight, " +
      'once in each warm container, and never when none is warm. Run each job as a scheduled task instead: "events": [{ "function": "src/jobs.js#cleanup", "expression": "cron(0 0 * * ? *)" }] in zap.json (stage \'dev\')',
  ]);
  expect(schedulerWarnings(metafile(['app.js', 'node_modules/express/index.js']), 'dev')).toEqual([]);
});
