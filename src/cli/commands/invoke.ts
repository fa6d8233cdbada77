import type { Command } from 'commander';
import type { AwsClients } from '../../aws/clients';
import { UserError } from '../../core/errors';
import { openStage, withAwsErrors } from '../session';

interface InvokeFlags {
  path?: string;
  method: string;
  data?: string;
  header: string[];
  event?: string;
  task?: string;
  version?: string;
  log?: boolean;
}

export function registerInvoke(program: Command): void {
  program
    .command('invoke [stage]')
    .description('invoke the deployed function: an HTTP-shaped request (--path), a raw event (--event) or a scheduled task now (--task)')
    .option('--path <path>', 'send a Function URL request for this path, e.g. /users/42?x=1')
    .option('-X, --method <method>', 'HTTP method with --path', 'GET')
    .option('-d, --data <body>', 'request body with --path')
    .option('-H, --header <name:value>', 'request header with --path (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--event <file>', 'a JSON file holding the raw event ("-" reads stdin)')
    .option('--task <name>', 'run this scheduled task (zap.json `events`) now and print its result')
    .option('--version <version>', 'invoke this version instead of alias live')
    .option('--log', 'print the invocation log tail too')
    .action(async (stage: string | undefined, flags: InvokeFlags, cmd: Command) => {
      if ([flags.path, flags.event, flags.task].filter((f) => f !== undefined).length !== 1) throw new UserError('give one of --path /some/path, --event file.json or --task <name>', 2);
      const event = flags.path ? await httpEvent(flags) : flags.event ? await readEvent(flags.event) : undefined;
      const { settings, clients, globals } = await openStage(cmd, stage);
      if (flags.task !== undefined) {
        const { runTaskNow } = await import('../invoke-task');
        process.exitCode = await runTaskNow(clients, settings, flags.task, { version: flags.version, log: flags.log, json: globals.json ?? false });
        return;
      }
      const { namesFor, ALIAS } = await import('../../contracts/names');
      const { invoke } = await import('../../aws/invoke');
      const name = namesFor(settings).function;
      const qualifier = flags.version ?? ALIAS;
      // A stage that streams answers through InvokeWithResponseStream: the body prints as it arrives.
      if (flags.path && settings.streaming) {
        const { invokeStreamed } = await import('../../aws/invoke-stream');
        const { streamPrinter } = await import('../invoke-stream-print');
        const printer = streamPrinter({ json: globals.json ?? false });
        const outcome = await withAwsErrors(() => invokeStreamed(clients, name, qualifier, event!, (b) => printer.chunk(b), { tail: flags.log }).catch(async (err) => {
          throw (await missingTarget(clients, name, qualifier, settings.stage, err)) ?? err;
        })).finally(() => clients.destroy());
        process.exitCode = printer.finish(outcome);
        return;
      }
      const out = await withAwsErrors(() => invoke(clients, name, qualifier, event!, { tail: flags.log }).catch(async (err) => {
        throw (await missingTarget(clients, name, qualifier, settings.stage, err)) ?? err;
      })).finally(() => clients.destroy());
      const { printInvoke } = await import('../invoke-print');
      process.exitCode = printInvoke(out, { http: Boolean(flags.path), json: globals.json ?? false });
    });
}

async function httpEvent(f: InvokeFlags): Promise<unknown> {
  const headers: Record<string, string> = {};
  for (const h of f.header) {
    const i = h.indexOf(':');
    if (i < 1) throw new UserError(`--header "${h}": expected name:value`, 2);
    headers[h.slice(0, i).trim()] = h.slice(i + 1).trim();
  }
  const { functionUrlEvent } = await import('../../deploy/http-event');
  return functionUrlEvent({ method: f.method, path: f.path!.startsWith('/') ? f.path! : `/${f.path}`, headers, body: f.data });
}

async function readEvent(file: string): Promise<unknown> {
  const { readFile } = await import('node:fs/promises');
  let text: string;
  try {
    text = file === '-' ? await new Response(process.stdin as unknown as ReadableStream).text() : await readFile(file, 'utf8');
  } catch {
    throw new UserError(`--event ${file}: cannot read that file`, 2);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UserError(`--event ${file}: not valid JSON (${(err as Error).message})`, 2);
  }
}

/** What a ResourceNotFoundException means here: no function, a deploy stopped before alias live, or no such version. */
async function missingTarget(clients: AwsClients, name: string, qualifier: string, stage: string, err: unknown): Promise<UserError | undefined> {
  const { isNotFound } = await import('../../aws/errors');
  if (!isNotFound(err)) return undefined;
  const { getFunction } = await import('../../aws/lambda');
  if (!(await getFunction(clients, name))) return new UserError(`${name} is not deployed: run \`zap deploy ${stage}\``);
  const { ALIAS } = await import('../../contracts/names');
  if (qualifier === ALIAS) return new UserError(`incomplete deploy: run \`zap deploy ${stage}\` (${name} exists but alias live does not yet)`);
  return new UserError(`${name} has no version ${qualifier}: \`zap status ${stage}\` lists the retained ones`, 2);
}
