/**
 * One Lambda container for tests: a fresh child process on the Node major the runtime names,
 * with the unzipped artifact as its code folder, taking invocations over IPC as the Runtime API
 * would hand them. stdout is kept line by line: it is the function's log.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { nodeBinaryFor } from '../../src/util/node-binary';
import { REPO } from './artifact';

const END_MARK = '\u0000zap-test-end ';

const HOST = `
const END = ${JSON.stringify(END_MARK)};
const path = require('node:path');
const mod = require(path.join(process.cwd(), 'index.js'));
process.on('message', async (msg) => {
  if (msg.type === 'modules') return process.stdout.write(END + msg.id + '\\n', () => process.send({ id: msg.id, modules: Object.keys(require.cache) }));
  const deadline = Date.now() + msg.timeoutMs;
  const context = {
    awsRequestId: msg.requestId, invokedFunctionArn: msg.arn, functionName: 'zap-test', functionVersion: '1',
    getRemainingTimeInMillis: () => deadline - Date.now(), callbackWaitsForEmptyEventLoop: true,
  };
  let reply;
  try {
    const result = await mod.handler(msg.event, context);
    reply = { id: msg.id, result: result === undefined ? null : result };
  } catch (e) {
    reply = { id: msg.id, error: { name: e && e.name, message: String(e && e.message || e) } };
  }
  // stdout and the IPC channel are two pipes: a marker line tells the parent this invocation's log is complete.
  process.stdout.write(END + msg.id + '\\n', () => process.send(reply));
});
process.send({ ready: true, arity: mod.handler.length, kind: mod.handler.constructor.name });
`;

export const TEST_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:zap-test:live';

export interface InvokeOutcome {
  result?: any;
  error?: { name: string; message: string };
}

interface Reply extends InvokeOutcome {
  id?: number;
  ready?: boolean;
  arity?: number;
  kind?: string;
  modules?: string[];
}

let nextRequest = 0;

export class ArtifactProcess {
  readonly logs: string[] = [];
  stderr = '';
  arity = -1;
  kind = '';
  private child: ChildProcess;
  private pending = new Map<number, (r: Reply) => void>();
  /** Invocations whose log is complete (their end marker seen on stdout), and replies waiting for it. */
  private logged = new Set<number>();
  private early = new Map<number, Reply>();
  private ids = 0;
  private ready: Promise<void>;
  private exited: Promise<void>;

  constructor(taskDir: string, env: Record<string, string | undefined> = {}, runtime = 'nodejs24.x') {
    const childEnv: Record<string, string | undefined> = {
      ...process.env,
      NODE_OPTIONS: '',
      // Lambda's runtime provides the AWS SDK; the repository's node_modules stands in for it.
      NODE_PATH: join(REPO, 'node_modules'),
      AWS_LAMBDA_FUNCTION_NAME: 'zap-test',
      ...env,
    };
    this.child = spawn(nodeBinaryFor(runtime), ['-e', HOST], { cwd: taskDir, env: childEnv as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let partial = '';
    this.child.stdout!.on('data', (c: Buffer) => {
      const lines = (partial + c.toString('utf8')).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith(END_MARK)) {
          this.logs.push(line);
          continue;
        }
        const id = Number(line.slice(END_MARK.length));
        const reply = this.early.get(id);
        this.early.delete(id);
        if (reply) this.settle(reply);
        else this.logged.add(id);
      }
    });
    this.child.stderr!.on('data', (c: Buffer) => (this.stderr += c.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    this.child.once('exit', () => {
      for (const [, done] of this.pending) done({ error: { name: 'ProcessExited', message: `artifact process exited: ${this.stderr.slice(-500)}` } });
      this.pending.clear();
    });
    this.ready = new Promise((resolve, reject) => {
      this.child.once('exit', (code) => reject(new Error(`artifact process exited (${code}) before it was ready: ${this.stderr}`)));
      this.child.on('message', (m: Reply) => {
        if (m.ready) {
          this.arity = m.arity ?? -1;
          this.kind = m.kind ?? '';
          return resolve();
        }
        if (m.id === undefined) return;
        if (this.logged.delete(m.id)) this.settle(m);
        else this.early.set(m.id, m);
      });
    });
  }

  private settle(m: Reply): void {
    const done = this.pending.get(m.id!);
    if (!done) return;
    this.pending.delete(m.id!);
    done(m);
  }

  /** Swallowed here; whenReady() and invoke() still see the failure. */
  private readonly quiet = () => undefined;

  get pid(): number {
    void this.ready.catch(this.quiet);
    return this.child.pid ?? -1;
  }

  async whenReady(): Promise<this> {
    await this.ready;
    return this;
  }

  private async ask(message: Record<string, unknown>): Promise<Reply> {
    await this.ready;
    const id = ++this.ids;
    return new Promise((resolve, reject) => {
      this.pending.set(id, resolve);
      this.child.send({ ...message, id }, (err) => err && reject(err));
    });
  }

  async invoke(event: unknown, opts: { requestId?: string; arn?: string; timeoutMs?: number } = {}): Promise<InvokeOutcome> {
    const r = await this.ask({
      event,
      requestId: opts.requestId ?? `req-${process.pid}-${++nextRequest}`,
      arn: opts.arn ?? TEST_ARN,
      timeoutMs: opts.timeoutMs ?? 30_000,
    });
    return { result: r.result, error: r.error };
  }

  /** Everything the process has loaded through require (require.cache keys). */
  async loadedModules(): Promise<string[]> {
    return (await this.ask({ type: 'modules' })).modules ?? [];
  }

  /** stdout lines that are warm-invocation records: the log contract `zap tail` and `zap status` read. */
  warmLogLines(): string[] {
    return this.logs.filter((l) => l.startsWith('{"zap":"keep_warm"'));
  }

  async close(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}
