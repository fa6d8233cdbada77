/**
 * serverless-express's response writes to a stand-in socket that calls each write's callback at
 * once, inside `res.end()`, so 'finish' fires before Node marks the response ended: a 'finish'
 * listener sees `res.writableEnded === false`. pino-http reads exactly that to choose its message,
 * so every request was logged as "request aborted" on Lambda and "request completed" under node.
 * A real socket calls back later; deferring the callback to a microtask restores Node's order
 * (end() marks the response ended, then 'finish' fires), and still fires 'finish' before
 * serverless-express builds the answer, so listeners (a logger's line) run before the function returns.
 */
export function withDeferredWriteCallbacks(response: { socket?: unknown }): void {
  const socket = response.socket as { write?: (...args: unknown[]) => boolean; zapDeferred?: boolean } | null | undefined;
  if (typeof socket !== 'object' || socket === null || typeof socket.write !== 'function' || socket.zapDeferred) return;
  const write = socket.write;
  socket.write = function deferredWrite(this: unknown, data: unknown, encoding?: unknown, cb?: unknown) {
    if (typeof encoding === 'function') [cb, encoding] = [encoding, undefined];
    const later = typeof cb === 'function' ? (...a: unknown[]) => queueMicrotask(() => (cb as (...x: unknown[]) => void)(...a)) : cb;
    return write.call(this, data, encoding, later);
  };
  socket.zapDeferred = true;
}
