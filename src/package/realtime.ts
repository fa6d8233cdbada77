/**
 * Real-time servers attached to the app's http.Server (socket.io's `new Server(server)`,
 * engine.io, express-ws, sockjs): a Lambda function gets one HTTP request per invocation, so
 * WebSocket upgrades never arrive, a long-poll holds an invocation open, and a polling session
 * lives in the one container that made it (the next poll, landing on another, answers 400
 * "Session ID unknown"), while broadcasts reach only the clients of that container. The pages and
 * APIs of the same app work. zap says so at package time instead of deploying a chat that
 * silently never delivers.
 */
import type { Metafile } from 'esbuild';
import { packageOf } from './packages';

const REALTIME = ['socket.io', 'engine.io', 'express-ws', 'sockjs', 'express-status-monitor'];
/** Named through the package the app uses: socket.io brings engine.io, express-status-monitor brings socket.io. */
const BROUGHT_BY: Record<string, string[]> = { 'socket.io': ['engine.io'], 'express-status-monitor': ['socket.io', 'engine.io'] };

export function realtimeWarnings(metafile: Metafile): string[] {
  const bundled = new Set(Object.keys(metafile.inputs).map((i) => packageOf(i)?.name));
  const present = REALTIME.filter((p) => bundled.has(p));
  const found = present.filter((p) => !present.some((q) => BROUGHT_BY[q]?.includes(p)));
  if (!found.length) return [];
  return [
    `${found.join(', ')} serve${found.length > 1 ? '' : 's'} WebSockets or long-polling from the app's server: on Lambda upgrades never arrive and each polling session lives in one container ` +
      `(a poll that lands on another answers 400), so real-time messages are not delivered; HTTP routes work. For real-time use an API Gateway WebSocket API or a hosted service`,
  ];
}
