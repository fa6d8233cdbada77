// `zap tune`'s flags as values: the memory sizes and the request mix, each checked with a one-line fix.
import { UserError } from '../core/errors';

export const DEFAULT_MEMORY = [128, 256, 512, 1024, 1769, 3008];

export interface TuneRequest {
  method: string;
  path: string;
}

export interface TuneOptions {
  memory: number[];
  requests: TuneRequest[];
  /** Forced cold starts per size (each a configuration change, so a new container). */
  coldStarts: number;
  /** Warm requests per size, spread over the request mix. */
  warmRequests: number;
  /** The latency goal the recommendation must meet: warm p95, in ms. */
  goalP95Ms?: number;
}

/** "128,512,1024" → sizes Lambda accepts (128..10240 MB), ascending, each once. */
export function parseMemory(text: string): number[] {
  const sizes = text.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = sizes.filter((s) => !/^\d+$/.test(s) || Number(s) < 128 || Number(s) > 10240);
  if (!sizes.length || bad.length) {
    throw new UserError(`--memory ${text}: expected whole numbers of MB from 128 to 10240, separated by commas, e.g. --memory 128,512,1024${bad.length ? ` (not: ${bad.join(', ')})` : ''}`, 2);
  }
  return [...new Set(sizes.map(Number))].sort((a, b) => a - b);
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** "/about" or "GET /users/1?x=2": one request of the mix. */
export function parseRequest(text: string): TuneRequest {
  const parts = text.trim().split(/\s+/);
  const [method, path] = parts.length === 1 ? ['GET', parts[0]!] : [parts[0]!.toUpperCase(), parts[1]!];
  if (parts.length > 2 || !METHODS.includes(method) || !path.startsWith('/')) {
    throw new UserError(`--path "${text}": expected a path such as /about, or a method and a path such as "POST /orders"`, 2);
  }
  return { method, path };
}
