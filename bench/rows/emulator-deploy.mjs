import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deployedSample } from '../emulator.mjs';
import { require } from '../lib.mjs';

let stage;
const ready = () => (stage ??= deployedSample({ keep_warm: 3 }));

const billed = (message) => Number(/Billed Duration: (\d+) ms/.exec(message)?.[1] ?? 0);

/** What one keep-warm tick costs at N=3: the Billed Duration of the leader and both followers. */
export const warmTickBilled = {
  name: 'emulator: billed ms per keep-warm tick, N=3',
  target: { op: 'report', unit: 'ms' },
  async measure() {
    const s = await ready();
    const since = Date.now();
    const res = await fetch(`${s.emulator.endpoint}/_zap/clock`, { method: 'POST', body: JSON.stringify({ rule: `${s.fn}-keep-warm` }) });
    const fired = (await res.json()).fired;
    const leader = fired[0]?.result ?? {};
    // Warm invocations write one {"zap":"keep_warm"...} line; their REPORT lines share its request id.
    const events = await logEvents(s, since);
    const warmIds = new Set(events.filter((e) => e.message.includes('{"zap":"keep_warm"')).map((e) => e.message.split('\t')[1]));
    const reports = events.filter((e) => e.message.startsWith('REPORT RequestId: ') && warmIds.has(/RequestId: (\S+)/.exec(e.message)[1]));
    const total = reports.reduce((sum, e) => sum + billed(e.message), 0);
    return { value: total, detail: `${reports.length} warm invocations, held ${leader.held}/${leader.asked}, hold ZAP_KEEP_WARM_HOLD_MS default` };
  },
};

/** The function's log events since a time, read through CloudWatch Logs as `zap tail` reads them. */
async function logEvents(s, since) {
  const { CloudWatchLogsClient, FilterLogEventsCommand } = require('@aws-sdk/client-cloudwatch-logs');
  const logs = new CloudWatchLogsClient({ region: 'eu-west-1', endpoint: s.emulator.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const events = [];
  try {
    let nextToken;
    for (let page = 0; page < 20; page++) {
      const out = await logs.send(new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${s.fn}`, startTime: since, nextToken }));
      events.push(...(out.events ?? []));
      if (!(nextToken = out.nextToken)) break;
    }
  } finally {
    logs.destroy();
  }
  return events;
}

/** `zap update` after a one-line change, as a user runs it, and then the emulator is stopped. */
export const updateWallTime = {
  name: 'emulator: zap update wall time, one-line change',
  target: { op: 'report', unit: 'ms' },
  async measure() {
    const s = await ready();
    try {
      const file = join(s.dir, 'src', 'app.ts');
      writeFileSync(file, readFileSync(file, 'utf8').replace('Hello from zap-sample-app', 'Hello from the bench'));
      const t0 = performance.now();
      await s.zap(['update', 'dev']);
      const ms = performance.now() - t0;
      const body = await (await fetch(s.url)).text();
      if (!body.includes('Hello from the bench')) throw new Error('the update did not serve the new code');
      return { value: ms, detail: 'package, upload, publish, prewarm, alias; CLI start to exit' };
    } finally {
      await s.close();
    }
  },
};
