/** What the package-time boot check (src/runtime/verify-child.ts; src/package/verify.ts reads it) prints, after this marker, as one JSON line. */
export const VERIFY_MARKER = '\u0000zap-boot-check:';

export interface BootCheck {
  /** The app booted: how boot() obtained it, and the bundle's module format. */
  booted?: { how: string; detail: string; format: 'cjs' | 'esm' };
  /** Boot threw or rejected: the error's name and message. */
  error?: { name: string; message: string };
  timedOut?: boolean;
  /** With an error that no app was found: the addresses the boot tried to reach and never did (a database), e.g. "127.0.0.1:27017 (ECONNREFUSED)". */
  unreached?: string[];
  /** What the app tried to open while booting that is not in the artifact (src/package/boot-preload.ts records it). */
  files?: BootFiles;
}

/** Written by the boot check's preload (src/package/boot-preload.ts), read by src/package/boot-files.ts. */
export interface BootFiles {
  /** Absolute paths the app tried to open that were not there. */
  missing: string[];
  /** Absolute paths of folders in the staged artifact the app listed (src/package/boot-listings.ts ships the rest of each). */
  listed?: string[];
  /** Absolute paths of project files the app opened outside the staged artifact. */
  outside: string[];
  /** Absolute paths in the staged artifact the app tried to write (refused: Lambda's code folder is read-only). */
  written?: string[];
  /** Environment variables the app read at boot that were not set (the stage's variables are all there is on Lambda). */
  unsetEnv?: string[];
  /** Variables the app read at boot that only the shell running zap sets, not the stage: Lambda will not have them. */
  shellEnv?: string[];
  /** Packages the artifact's code loaded from the project's node_modules at boot (not bundled, not shipped): Lambda will not have them. */
  packages?: string[];
  /** Packages the app's own modules loaded from the project's node_modules while running outside the bundle (loaded by a path zap could not follow). */
  modulePackages?: string[];
  /** TCP connections the app started to a loopback address while booting (src/package/loopback-connects.ts). */
  loopback?: { host: string; port: number }[];
  /** Absolute paths in the staged artifact held open for writing when the boot check ended: native code's opens (src/package/native-write-opens.ts). */
  writeOpened?: string[];
}

/** Where a socket is going, from `net.Socket.prototype.connect`'s arguments. */
export interface ConnectTarget {
  host?: string;
  port?: number;
  path?: string;
}

/**
 * `connect(options[, cb])`, `connect(port[, host][, cb])`, `connect(path[, cb])`, and the `[options, cb]`
 * array Node's own callers pass: read the same way by the boot's connection watch
 * (src/runtime/boot-network.ts) and the boot check's loopback record (src/package/loopback-connects.ts).
 */
export function connectTarget(args: unknown[]): ConnectTarget {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (typeof first === 'object' && first !== null) {
    const o = first as { host?: unknown; port?: unknown; path?: unknown };
    if (typeof o.path === 'string') return { path: o.path };
    const port = Number(o.port);
    return { ...(typeof o.host === 'string' ? { host: o.host } : {}), ...(Number.isInteger(port) && port > 0 ? { port } : {}) };
  }
  if (typeof first === 'number' || /^\d+$/.test(String(first))) {
    return { port: Number(first), ...(typeof args[1] === 'string' ? { host: args[1] } : {}) };
  }
  return { path: String(first) };
}
