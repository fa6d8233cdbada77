import type { Context } from 'aws-lambda';
import { isKeepWarmAnswer, keepWarmEvent, type WarmAnswer } from '../contracts/keep-warm';
import { errorMessage } from './app-loader';

export interface FanoutResult {
  index: number;
  answer?: WarmAnswer;
  error?: string;
}

/** Time kept back from the leader's own deadline to write its answer. */
const DEADLINE_MARGIN_MS = 1000;
const DEFAULT_TIMEOUT_MS = 10_000;

type LambdaModule = typeof import('@aws-sdk/client-lambda');
type HttpHandlerModule = typeof import('@smithy/node-http-handler');

/**
 * Loaded only here, on a leader that fans out: the Lambda runtime provides the SDK, and a warm
 * follower or an N=1 ping never pays for parsing it. @smithy/node-http-handler is resolved from the
 * client's own folder, where the SDK's copy lives on Lambda and in node_modules.
 */
function loadSdk(): { lambda: LambdaModule; http: HttpHandlerModule } {
  const lambda = require('@aws-sdk/client-lambda') as LambdaModule;
  const { createRequire } = require('node:module') as typeof import('node:module');
  const fromSdk = createRequire(require.resolve('@aws-sdk/client-lambda'));
  return { lambda, http: fromSdk('@smithy/node-http-handler') as HttpHandlerModule };
}

function timeoutFor(context: Context): number {
  const remaining = typeof context.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : NaN;
  return Number.isFinite(remaining) ? Math.max(remaining - DEADLINE_MARGIN_MS, 1000) : DEFAULT_TIMEOUT_MS;
}

/**
 * N−1 synchronous invokes of the leader's own qualified ARN, all in flight at once: the agent's
 * socket limit is raised to N (the SDK default is 50) so none queue behind another, and retries
 * are off because a retried invoke lands after the others have answered.
 */
export async function fanOut(context: Context, n: number, holdMs: number): Promise<FanoutResult[]> {
  const { lambda, http } = loadSdk();
  const https = require('node:https') as typeof import('node:https');
  const httpMod = require('node:http') as typeof import('node:http');
  const timeout = timeoutFor(context);
  const agentOptions = { keepAlive: false, maxSockets: n };
  const client = new lambda.LambdaClient({
    maxAttempts: 1,
    requestHandler: new http.NodeHttpHandler({
      httpAgent: new httpMod.Agent(agentOptions),
      httpsAgent: new https.Agent(agentOptions),
      requestTimeout: timeout,
      connectionTimeout: Math.min(timeout, 5000),
    }),
  });
  const invokeOne = async (index: number): Promise<FanoutResult> => {
    try {
      const out = await client.send(
        new lambda.InvokeCommand({
          FunctionName: context.invokedFunctionArn,
          InvocationType: 'RequestResponse',
          Payload: Buffer.from(JSON.stringify(keepWarmEvent(n, { id: context.awsRequestId, index, hold_ms: holdMs }))),
        }),
      );
      const body: unknown = out.Payload ? JSON.parse(Buffer.from(out.Payload).toString('utf8')) : undefined;
      if (out.FunctionError) return { index, error: `FunctionError (${out.FunctionError}): ${JSON.stringify(body)}` };
      if (!isKeepWarmAnswer(body)) return { index, error: `unexpected answer: ${JSON.stringify(body)?.slice(0, 200)}` };
      return { index, answer: body as WarmAnswer };
    } catch (err) {
      return { index, error: errorMessage(err) };
    }
  };
  try {
    return await Promise.all(Array.from({ length: n - 1 }, (_, i) => invokeOne(i + 1)));
  } finally {
    client.destroy();
  }
}
