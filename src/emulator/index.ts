import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiGatewayRoutes } from './apigateway/routes';
import type { ApiGatewayEnv } from './apigateway/env';
import { ApiServers } from './apigateway/server';
import { ContainerPool } from './container';
import { describeModel } from './container/resources';
import type { ContainerPoolApi, ContainerPoolOptions, ResourceModel, ResourceOptions } from './container/types';
import { DEFAULT_DELAYS, type Ctx, type Delays } from './context';
import { Scheduler } from './events/scheduler';
import { Faults } from './faults';
import { checkRoleAssumable } from './iam';
import { CodeStore } from './lambda/code';
import type { LambdaEnv } from './lambda/env';
import { lambdaRoutes } from './lambda/routes';
import { appendEvents } from './logs/store';
import { emptyData, type EmulatorData } from './model';
import { defaultNetwork } from './ec2/network';
import { requestHandler, type ServerDeps } from './server';
import { StateFile } from './state';
import { UrlServers } from './url-server';

export interface EmulatorOptions {
  /** 0 (the default) picks any free port. The host is always 127.0.0.1. */
  port?: number;
  /** Schedules and idle reclaim run this many times faster than real time (default 1). */
  timeScale?: number;
  /** Idle containers are reclaimed after this many (scaled) seconds (default 300). */
  idleTtlSeconds?: number;
  /** Persist state here and reload it on start; in memory only when absent. */
  stateDir?: string;
  region?: string;
  accountId?: string;
  delays?: Partial<Delays>;
  /** Lambda's CPU share, memory limit and freeze for containers; each on unless set false. */
  resources?: ResourceOptions;
  /** For tests: a pool stand-in. */
  createPool?: (opts: ContainerPoolOptions) => ContainerPoolApi;
}

export interface Emulator {
  endpoint: string;
  port: number;
  region: string;
  accountId: string;
  pool: ContainerPoolApi;
  /** How containers are held to Lambda's resources here (undefined with a stand-in pool), and that as one line. */
  resourceModel?: ResourceModel;
  resourceSummary: string;
  faults: Faults;
  scheduler: Scheduler;
  /** The live state (read it in tests; change it only through the APIs). */
  data: EmulatorData;
  close(): Promise<void>;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const timeScale = opts.timeScale ?? 1;
  if (!(timeScale > 0)) throw new Error(`timeScale must be a positive number, got ${timeScale}`);
  const state = opts.stateDir ? new StateFile(opts.stateDir) : undefined;
  const data = state?.load() ?? emptyData();
  const codeRoot = opts.stateDir ? join(opts.stateDir, 'code') : mkdtempSync(join(tmpdir(), 'zap-emulator-code-'));
  let deps: ServerDeps | undefined;
  const server = createServer(requestHandler(() => deps));
  // Longer than the SDK's idle sockets live, so a reused socket is never closed under a request.
  server.keepAliveTimeout = 65000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://127.0.0.1:${port}`;
  const ctx: Ctx = {
    region: opts.region ?? 'us-east-1',
    accountId: opts.accountId ?? '000000000000',
    delays: { ...DEFAULT_DELAYS, ...opts.delays },
    now: () => Date.now(),
    endpoint,
  };
  // Every account has a default VPC in each region: made once, kept in --state-dir like the rest.
  data.network ??= defaultNetwork(ctx.region);
  const changed = () => state?.saveSoon(data);
  const poolOpts: ContainerPoolOptions = {
    endpoint,
    idleTtlMs: ((opts.idleTtlSeconds ?? 300) * 1000) / timeScale,
    onLog: (group, stream, events) => {
      appendEvents(data, group, stream, events, Date.now());
      changed();
    },
    scratchRoot: opts.stateDir ? join(opts.stateDir, 'scratch') : undefined,
    resources: opts.resources,
  };
  const pool = opts.createPool ? opts.createPool(poolOpts) : new ContainerPool(poolOpts);
  const urls = new UrlServers();
  const code = new CodeStore(codeRoot);
  const env: LambdaEnv = { ctx, data, code, pool, urls, checkRole: (arn) => checkRoleAssumable(ctx, data, arn) };
  urls.env = env;
  await reopenUrls(env, urls);
  const apiServers = new ApiServers();
  const apigw: ApiGatewayEnv = { lambda: env, listeners: apiServers };
  apiServers.env = apigw;
  for (const api of Object.values(data.apis)) api.port = await apiServers.open(api.apiId, api.port);
  const scheduler = new Scheduler(env, data, timeScale);
  const faults = new Faults();
  deps = { ctx, data, faults, restRoutes: [...lambdaRoutes(env), ...apiGatewayRoutes(apigw)], changed, zap: { ctx, pool, faults, scheduler, code, timeScale } };
  scheduler.start();

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await scheduler.stop();
      await urls.closeAll();
      await apiServers.closeAll();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await pool.close();
      state?.saveNow(data);
      if (!opts.stateDir) rmSync(codeRoot, { recursive: true, force: true });
    })());
  const resourceModel = pool.resourceModel;
  const resourceSummary = resourceModel ? describeModel(resourceModel) : 'containers: a stand-in pool';
  return { endpoint, port, region: ctx.region, accountId: ctx.accountId, pool, resourceModel, resourceSummary, faults, scheduler, data, close };
}

/** After a restart, every URL (and every API, above) listens again, on its old port when that port is free. */
async function reopenUrls(env: LambdaEnv, urls: UrlServers): Promise<void> {
  for (const fn of Object.values(env.data.functions)) {
    for (const u of Object.values(fn.urls)) u.port = await urls.open(fn.name, u.qualifier, u.port);
  }
}

export type { Delays } from './context';
