import type { Server } from 'node:net';
import type { ConnectionWatch } from '../boot-network';

/**
 * The servers whose listen() zap captured, shared on globalThis: the capture is installed by a tiny
 * file of its own (so it runs before the user's module) and read by the adapter, two bundles apart,
 * and a bundle loaded again after a failed boot must find the same patch, not install a second one.
 */
export interface ListenRegistry {
  servers: Server[];
  /** Called with each server as it is captured. */
  waiters: Set<(server: Server) => void>;
  installed: boolean;
  /** The boot's outgoing connections (boot-network.ts). */
  connections?: ConnectionWatch;
}

const KEY = Symbol.for('zap.listen-capture');

export function listenRegistry(): ListenRegistry {
  const g = globalThis as { [KEY]?: ListenRegistry };
  return (g[KEY] ??= { servers: [], waiters: new Set(), installed: false });
}
