// zap's stand-in for Lambda's managed Node runtime: runs in the container, loads _HANDLER, and takes
// work only through the Runtime API at AWS_LAMBDA_RUNTIME_API. Bundled to dist/emulator/bootstrap.js.
import { isStreamingHandler, loadHandler, InitError, type Handler } from './bootstrap-handler';
import { nextInvocation, postError, postInitError, postResponse, toErrorBody, type ErrorBody, type NextInvocation } from './bootstrap-client';
import { formatLine, patchConsole, setRequestId } from './bootstrap-console';
import { registerNodePathFallback } from './bootstrap-esm';
import { FLUSH_MARK } from './log-collector';
import { installAwsLambdaGlobal, invokeStreaming } from './bootstrap-stream';
import { makeTaskRootReadOnly } from './bootstrap-readonly';

const env = process.env;
const runtimeMajor = Number(/nodejs(\d+)/.exec(env.AWS_EXECUTION_ENV ?? '')?.[1] ?? 0);

function logError(requestId: string | undefined, label: string, body: ErrorBody): void {
  const json = JSON.stringify({ errorType: body.errorType, errorMessage: body.errorMessage, stack: body.trace });
  process.stdout.write(formatLine(new Date(), requestId, 'ERROR', `${label} \t${json}`));
}

/** Lets the container know every line of this invocation is already written (see FLUSH_MARK). */
function markFlushed(requestId: string): void {
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${FLUSH_MARK}${requestId} ${maxRssBytes}\n`);
  process.stderr.write(`${FLUSH_MARK}${requestId}\n`);
}

function makeContext(inv: NextInvocation) {
  let clientContext: unknown;
  try {
    clientContext = inv.clientContext ? JSON.parse(inv.clientContext) : undefined;
  } catch {
    clientContext = inv.clientContext;
  }
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: inv.invokedFunctionArn,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: inv.requestId,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    identity: undefined,
    clientContext,
    getRemainingTimeInMillis: () => Math.max(0, inv.deadlineMs - Date.now()),
  };
}

/** Promise handlers everywhere; callback handlers only before Node 24 (loadHandler refuses them there). */
function run(handler: Handler, event: unknown, context: unknown): Promise<unknown> {
  if (handler.length < 3) return Promise.resolve().then(() => handler(event, context));
  return new Promise((resolve, reject) => {
    const done = (err: unknown, result: unknown) => (err ? reject(err) : resolve(result));
    const r = handler(event, context, done) as { then?: unknown } | undefined;
    if (r && typeof r.then === 'function') (r as Promise<unknown>).then(resolve, reject);
  });
}

async function invokeOnce(handler: Handler, inv: NextInvocation): Promise<void> {
  setRequestId(inv.requestId);
  if (inv.traceId) env._X_AMZN_TRACE_ID = inv.traceId;
  else delete env._X_AMZN_TRACE_ID;
  if (isStreamingHandler(handler)) return invokeStreamed(handler, inv);
  let body: string;
  try {
    const event = inv.body.length ? JSON.parse(inv.body.toString('utf8')) : {};
    const result = await run(handler, event, makeContext(inv));
    body = JSON.stringify(result) ?? 'null';
  } catch (e) {
    const err = toErrorBody(e);
    logError(inv.requestId, 'Invoke Error', err);
    markFlushed(inv.requestId);
    return postError(inv.requestId, err);
  }
  markFlushed(inv.requestId);
  await postResponse(inv.requestId, body);
}

/** A streaming handler's answer goes to the Runtime API as it is written; its error, in trailers. */
async function invokeStreamed(handler: Handler, inv: NextInvocation): Promise<void> {
  const event = inv.body.length ? JSON.parse(inv.body.toString('utf8')) : {};
  const failure = await invokeStreaming(handler, event, makeContext(inv), inv.requestId, (e) => toErrorBody(e));
  if (failure) logError(inv.requestId, 'Invoke Error', failure);
  markFlushed(inv.requestId);
}

async function main(): Promise<void> {
  patchConsole();
  installAwsLambdaGlobal(env);
  registerNodePathFallback(env.NODE_PATH);
  if (env.LAMBDA_TASK_ROOT) makeTaskRootReadOnly(env.LAMBDA_TASK_ROOT);
  let handler: Handler;
  try {
    handler = await loadHandler(env.LAMBDA_TASK_ROOT ?? process.cwd(), env._HANDLER ?? '', runtimeMajor);
  } catch (e) {
    const err = e instanceof InitError ? { errorType: e.errorType, errorMessage: e.message, trace: e.trace } : toErrorBody(e);
    logError(undefined, 'Init Error', err);
    markFlushed('init');
    await postInitError(err);
    process.exit(1);
  }
  for (;;) await invokeOnce(handler, await nextInvocation());
}

main().catch((e) => {
  process.stderr.write(`zap bootstrap: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
