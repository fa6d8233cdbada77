// Figures for the bench: what a cold start costs over a bare Node start, and warm throughput.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { nodeBinaryFor } from '../../util/node-binary';
import { ContainerPool } from './pool';
import type { FunctionVersionSpec } from './types';

export interface ContainerFigures {
  runtime: string;
  /** Median wall time of `node -e 0`. */
  bareNodeStartMs: number;
  /** Median wall time from invoke() on an empty pool to its result, for a trivial function. */
  coldStartMs: number;
  /** Median Init Duration of those cold starts (spawn until the bootstrap's first /next). */
  initDurationMs: number;
  /** Sequential invocations per second on one warm container. */
  invocationsPerSecond: number;
  warmInvokeMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function bareStart(bin: string): Promise<number> {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  delete env.NODE_OPTIONS;
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['-e', '0'], { env, stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', () => resolve(performance.now() - t0));
  });
}

export async function measureContainerFigures(o: { runtime?: string; samples?: number; warmMs?: number } = {}): Promise<ContainerFigures> {
  const runtime = o.runtime ?? 'nodejs24.x';
  const samples = o.samples ?? 7;
  const bin = nodeBinaryFor(runtime);
  const bare: number[] = [];
  for (let i = 0; i < samples; i++) bare.push(await bareStart(bin));

  const codeDir = mkdtempSync(join(tmpdir(), 'zap-measure-'));
  writeFileSync(join(codeDir, 'index.js'), 'exports.handler = async (event) => ({ ok: true, event });\n');
  // Unthrottled and never frozen: the figures compare with a bare `node -e 0`, which runs at full CPU.
  const pool = new ContainerPool({ endpoint: 'http://127.0.0.1:9', idleTtlMs: 60_000, onLog: () => {}, resources: { cpuLimit: false, memoryLimit: false, freeze: false } });
  const spec: FunctionVersionSpec = {
    functionName: 'measure', functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:measure', version: '$LATEST',
    codeSha256: 'measure', codeDir, handler: 'index.handler', runtime, memorySize: 512, timeoutSeconds: 30,
    environment: {}, region: 'us-east-1', accountId: '000000000000', logGroup: '/aws/lambda/measure',
  };
  const payload = Buffer.from('{}');
  const invoke = () => pool.invoke(spec, payload, { requestId: randomUUID(), invokedFunctionArn: spec.functionArn });
  try {
    const cold: number[] = [];
    const init: number[] = [];
    for (let i = 0; i < samples; i++) {
      await pool.retire('measure');
      const t0 = performance.now();
      await invoke();
      cold.push(performance.now() - t0);
      init.push(pool.list()[0]?.initDurationMs ?? NaN);
    }
    const warmMs = o.warmMs ?? 2000;
    let n = 0;
    const t0 = performance.now();
    // Bounded by both time and count.
    while (performance.now() - t0 < warmMs && n < 100_000) {
      await invoke();
      n++;
    }
    const elapsed = performance.now() - t0;
    return {
      runtime, bareNodeStartMs: median(bare), coldStartMs: median(cold), initDurationMs: median(init),
      invocationsPerSecond: (n / elapsed) * 1000, warmInvokeMs: elapsed / n,
    };
  } finally {
    await pool.close();
    rmSync(codeDir, { recursive: true, force: true });
  }
}
