import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ContainerPoolApi } from './container/types';
import type { Ctx } from './context';
import { AwsError } from './errors';
import type { Scheduler } from './events/scheduler';
import type { Faults } from './faults';
import { jsonReply, type HttpReply } from './http';
import type { CodeStore } from './lambda/code';

export interface ZapDeps {
  ctx: Ctx;
  pool: ContainerPoolApi;
  faults: Faults;
  scheduler: Scheduler;
  code: CodeStore;
  timeScale: number;
}

function parse(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  const v = JSON.parse(body.toString('utf8'));
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('expected a JSON object');
  return v;
}

/** The emulator's own endpoints under /_zap/, which no AWS API path can reach. */
export async function zapRoute(method: string, path: string, body: Buffer, d: ZapDeps): Promise<HttpReply> {
  try {
    if (method === 'GET' && path === '/_zap/health') {
      return jsonReply(200, { ok: true, endpoint: d.ctx.endpoint, region: d.ctx.region, accountId: d.ctx.accountId, timeScale: d.timeScale, resources: d.pool.resourceModel ?? null });
    }
    if (method === 'GET' && path === '/_zap/containers') {
      // Each container says how it is held (vcpus, memoryLimitMb, frozen, model); the header says it with none running.
      const reply = jsonReply(200, d.pool.list());
      return { ...reply, headers: { ...reply.headers, 'Zap-Resource-Model': JSON.stringify(d.pool.resourceModel ?? null) } };
    }
    if (path === '/_zap/faults') {
      if (method === 'GET') return jsonReply(200, { faults: d.faults.list() });
      if (method === 'DELETE') return d.faults.clear(), jsonReply(200, { faults: [] });
      if (method === 'POST') return jsonReply(201, { fault: d.faults.add(parse(body)) });
    }
    if (method === 'POST' && path === '/_zap/clock') {
      const rule = parse(body).rule;
      if (rule !== undefined && typeof rule !== 'string') throw new Error('"rule" must be a rule name');
      return jsonReply(200, { fired: await d.scheduler.fireNow(rule) });
    }
    if (method === 'GET' && path === '/_zap/schedules') return jsonReply(200, { fired: d.scheduler.history });
    const code = /^\/_zap\/code\/([0-9a-f]{64})\.zip$/.exec(path);
    if (method === 'GET' && code && existsSync(d.code.zipPath(code[1]))) {
      return { status: 200, headers: { 'Content-Type': 'application/zip' }, body: await readFile(d.code.zipPath(code[1])) };
    }
    return jsonReply(404, { message: `no such emulator endpoint: ${method} ${path}` });
  } catch (err) {
    if (err instanceof AwsError) return jsonReply(err.status, { error: err.code, message: err.message });
    return jsonReply(400, { message: (err as Error).message });
  }
}
