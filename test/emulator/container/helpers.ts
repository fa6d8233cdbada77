import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { FunctionVersionSpec, InvokeOptions } from '../../../src/emulator/container/types';

const copies: string[] = [];

/**
 * A fixture copied outside the repo, so nothing resolves from zap's own node_modules by accident:
 * what the function can require is what a Lambda artifact could.
 */
export function fixtureDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `zap-fixture-${name}-`));
  cpSync(join(__dirname, 'fixtures', name), dir, { recursive: true });
  copies.push(dir);
  return dir;
}

/**
 * Pools here keep Lambda's freeze and memory limit but not MemorySize's share of a vCPU: these tests
 * are about containers' lifecycle, and at 256 MB (0.14 vCPU) every cold start takes seconds.
 * resources.test.ts proves the CPU quota.
 */
export const UNTHROTTLED = { cpuLimit: false } as const;

export function removeFixtures(): void {
  for (const d of copies.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function spec(name: string, over: Partial<FunctionVersionSpec> = {}): FunctionVersionSpec {
  const functionName = over.functionName ?? name;
  return {
    functionName,
    functionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    version: '$LATEST',
    codeSha256: `sha-${name}`,
    codeDir: over.codeDir ?? fixtureDir(name),
    handler: 'index.handler',
    runtime: 'nodejs24.x',
    memorySize: 256,
    timeoutSeconds: 10,
    environment: {},
    region: 'us-east-1',
    accountId: '000000000000',
    logGroup: `/aws/lambda/${functionName}`,
    ...over,
  };
}

export function opts(s: FunctionVersionSpec, over: Partial<InvokeOptions> = {}): InvokeOptions {
  return { requestId: randomUUID(), invokedFunctionArn: s.functionArn, ...over };
}

export function json(o: unknown): Buffer {
  return Buffer.from(JSON.stringify(o));
}

export interface LogRecord { group: string; stream: string; timestamp: number; message: string }

export function logRecorder(): { records: LogRecord[]; sink: (g: string, s: string, e: { timestamp: number; message: string }[]) => void } {
  const records: LogRecord[] = [];
  return { records, sink: (group, stream, events) => { for (const e of events) records.push({ group, stream, ...e }); } };
}

export function pidAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `check` every 25 ms, at most `ms` in all. */
export async function waitFor(check: () => boolean, ms = 5000): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += 25) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}
