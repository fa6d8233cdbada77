/**
 * Apps check their configuration at boot (`if (!process.env.DATABASE_URL) throw …`, envalid, zod).
 * On Lambda the stage's `environment_variables` are all the app gets, so a variable the shell sets
 * but zap.json does not makes a boot that works under `node` and fails after deploy. The boot check
 * records which variables the app reads; these say which are missing and where to set them.
 */
import { envSweeps } from './env-sweep';

/** Variables the system, Node, npm and AWS set, and those libraries look at by habit: never the app's configuration. */
const SYSTEM = /^(PATH|HOME|USER|LOGNAME|SHELL|PWD|OLDPWD|TERM|TERM_PROGRAM|COLORTERM|LANG|LANGUAGE|LC_\w+|TZ|TMPDIR|TEMP|TMP|HOSTNAME|SHLVL|EDITOR|PAGER|CI|DEBUG|NO_COLOR|FORCE_COLOR|NODE_\w+|NPM_\w+|npm_\w+|AWS_\w+|LAMBDA_\w+|_HANDLER|_X_AMZN_TRACE_ID|ZAP_\w+|JEST_\w+|VSCODE_\w+|SSH_\w+|XDG_\w+|DISPLAY|MAIL|INIT_CWD|COLOR|READABLE_STREAM|SUPPRESS_NO_CONFIG_WARNING|UV_THREADPOOL_SIZE|OPENSSL_CONF|SSL_CERT_\w+|HTTPS?_PROXY|https?_proxy|NO_PROXY|no_proxy|GLOBAL_AGENT_\w+|WSL_\w+|WT_\w+|_)$/;

export function isAppVariable(name: string): boolean {
  return !SYSTEM.test(name);
}

/** A process.env that notes what is read: `unset` (read, not set), `shell` (set, but not by the stage). */
export function recordEnv(env: NodeJS.ProcessEnv, stageKeys: string[]): { proxy: NodeJS.ProcessEnv; unset: Set<string>; shell: Set<string> } {
  const unset = new Set<string>();
  const shell = new Set<string>();
  const stage = new Set(stageKeys);
  // Only what the shell set before the app ran: a variable dotenv or the app sets itself is the app's own.
  const inherited = new Set(Object.keys(env));
  const own = new Set<string>();
  const sweeps = envSweeps();
  let undo: (() => void) | undefined; // the sweep's first read, noted until the next read confirms the sweep
  const note = (key: string | symbol, present: boolean) => {
    if (typeof key !== 'string') return;
    const sweep = sweeps.read(key);
    if (sweep === 'next') undo?.();
    undo = undefined;
    if (sweep === 'next' || !isAppVariable(key) || stage.has(key) || own.has(key)) return;
    const set = !present ? unset : inherited.has(key) ? shell : undefined;
    if (!set || set.has(key)) return;
    set.add(key);
    if (sweep === 'first') undo = () => set.delete(key);
  };
  const proxy = new Proxy(env, {
    get(target, key) {
      const value = Reflect.get(target, key);
      note(key, value !== undefined);
      return value;
    },
    set(target, key, value) {
      if (typeof key === 'string') own.add(key);
      return Reflect.set(target, key, value);
    },
    defineProperty(target, key, descriptor) {
      if (typeof key === 'string') own.add(key);
      return Reflect.defineProperty(target, key, descriptor);
    },
    ownKeys(target) {
      const keys = Reflect.ownKeys(target);
      sweeps.listed(keys);
      return keys;
    },
    has(target, key) {
      const present = Reflect.has(target, key);
      note(key, present);
      return present;
    },
  });
  return { proxy, unset, shell };
}

/**
 * The variables a boot error names that the stage does not set, and where to set them. With what
 * the boot check saw the app read (`read`), only those; without (a deploy's first start), names
 * that look like variables (capitals with an underscore) and are not in the stage.
 */
export function missingVariablesHint(message: string, stage: string, set: Record<string, string>, read?: readonly string[]): string | undefined {
  const words = new Set(message.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
  const named = read ? read.filter((k) => words.has(k)) : [...words].filter((w) => /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(w) && isAppVariable(w));
  const missing = [...new Set(named)].filter((k) => !(k in set)).sort();
  if (missing.length === 0) return undefined;
  const list = missing.map((k) => `"${k}"`).join(', ');
  return `${list} ${missing.length > 1 ? 'are' : 'is'} not set in stage '${stage}': add ${missing.length > 1 ? 'them' : 'it'} to "environment_variables" in zap.json (a value "ssm:/<parameter>" or "secretsmanager:<name>" keeps a secret out of the function's configuration)`;
}

/** For a boot that worked: variables it read that only the shell running zap sets. */
export function shellOnlyWarning(shellEnv: readonly string[], stage: string): string | undefined {
  if (shellEnv.length === 0) return undefined;
  const list = shellEnv.map((k) => `"${k}"`).join(', ');
  return `the app read ${list} at boot, which your shell sets and zap.json (stage '${stage}') does not: Lambda will not have the shell's value; if the app needs it, add it to "environment_variables"`;
}
