// Finds and loads `_HANDLER` the way Lambda's Node runtime does, failing with its error types.
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type Handler = (event: unknown, context: unknown, callback?: unknown) => unknown;

export class InitError extends Error {
  constructor(readonly errorType: string, message: string, readonly trace: string[] = []) {
    super(message);
  }
}

/** "lib/app.nested.handler" → module "lib/app", export path ["nested", "handler"]. */
export function parseHandler(handler: string): { modulePath: string; exportPath: string[] } {
  const slash = handler.lastIndexOf('/');
  const dot = handler.indexOf('.', slash + 1);
  if (dot < 0) throw new InitError('Runtime.MalformedHandlerName', `Bad handler ${handler}`);
  return { modulePath: handler.slice(0, dot), exportPath: handler.slice(dot + 1).split('.') };
}

const CALLBACK_DEPRECATED =
  'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. ' +
  'You need to modify this function to use a supported handler signature to use Node.js 24 or later. ' +
  'For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';

/** awslambda.streamifyResponse marks a handler with this symbol; it takes (event, responseStream, context). */
export const STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');

export function isStreamingHandler(handler: Handler): boolean {
  return (handler as unknown as Record<symbol, unknown>)[STREAMING] === 'response';
}

export async function loadHandler(taskRoot: string, handlerName: string, runtimeMajor: number): Promise<Handler> {
  const { modulePath, exportPath } = parseHandler(handlerName);
  let mod: unknown;
  try {
    mod = await loadModule(taskRoot, modulePath);
  } catch (e) {
    throw classify(e);
  }
  const fn = resolveExport(mod, exportPath);
  if (typeof fn !== 'function') {
    throw new InitError('Runtime.HandlerNotFound', `${handlerName} is undefined or not exported`);
  }
  if (runtimeMajor >= 24 && fn.length >= 3 && !isStreamingHandler(fn as Handler)) throw new InitError('Runtime.CallbackHandlerDeprecated', CALLBACK_DEPRECATED);
  return fn as Handler;
}

async function loadModule(taskRoot: string, modulePath: string): Promise<unknown> {
  const base = join(taskRoot, modulePath);
  const req = createRequire(join(taskRoot, 'index.js'));
  const file = ['.js', '.mjs', '.cjs'].map((ext) => base + ext).find((f) => existsSync(f));
  if (!file) {
    // Not in the task root: Lambda still tries NODE_PATH (layers, the runtime's own modules).
    return req(modulePath);
  }
  if (file.endsWith('.mjs')) return import(pathToFileURL(file).href);
  try {
    return req(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_REQUIRE_ESM' || code === 'ERR_REQUIRE_ASYNC_MODULE') return import(pathToFileURL(file).href);
    throw e;
  }
}

function resolveExport(mod: unknown, path: string[]): unknown {
  const walk = (root: unknown) => path.reduce<unknown>((o, k) => (o == null ? undefined : (o as Record<string, unknown>)[k]), root);
  const direct = walk(mod);
  if (direct !== undefined) return direct;
  // A CommonJS module reached through import(): its exports sit on `default`.
  return mod && typeof mod === 'object' && 'default' in mod ? walk((mod as { default: unknown }).default) : undefined;
}

function classify(e: unknown): InitError {
  const err = e instanceof Error ? e : new Error(String(e));
  const code = (err as { code?: string }).code;
  const trace = (err.stack ?? '').split('\n');
  if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') {
    return new InitError('Runtime.ImportModuleError', `${err.name}: ${err.message}`, trace);
  }
  if (err instanceof SyntaxError) return new InitError('Runtime.UserCodeSyntaxError', `${err.name}: ${err.message}`, trace);
  return new InitError(err.name, err.message, trace);
}
