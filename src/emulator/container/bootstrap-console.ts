// Lambda's Node runtime prefixes every console line with time, request id and level; a multi-line
// message stays one log event because its newlines travel as \r.
import { format } from 'node:util';

let requestId: string | undefined;

export function setRequestId(id: string | undefined): void {
  requestId = id;
}

const LEVELS = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' } as const;

export function formatLine(time: Date, id: string | undefined, level: string, message: string): string {
  return `${time.toISOString()}\t${id}\t${level}\t${message.replaceAll('\n', '\r')}\n`;
}

export function patchConsole(): void {
  for (const [method, level] of Object.entries(LEVELS)) {
    (console as unknown as Record<string, (...a: unknown[]) => void>)[method] = (...args: unknown[]) => {
      let msg = format(...args);
      if (method === 'trace') msg = `Trace: ${msg}\n${(new Error().stack ?? '').split('\n').slice(2).join('\n')}`;
      process.stdout.write(formatLine(new Date(), requestId, level, msg));
    };
  }
}
