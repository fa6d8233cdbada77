import { InvokeCommand } from '@aws-sdk/client-lambda';
import type { AwsClients } from './clients';

export interface InvokeOutcome {
  payload: unknown;
  raw: string;
  functionError?: string;
  executedVersion?: string;
  logTail?: string;
}

/** A synchronous invoke; the payload parsed as JSON when it is JSON. */
export async function invoke(c: AwsClients, fn: string, qualifier: string | undefined, event: unknown, opts: { tail?: boolean; async?: boolean } = {}): Promise<InvokeOutcome> {
  const out = await c.lambda.send(
    new InvokeCommand({
      FunctionName: fn,
      Qualifier: qualifier,
      InvocationType: opts.async ? 'Event' : 'RequestResponse',
      LogType: opts.tail ? 'Tail' : 'None',
      Payload: new TextEncoder().encode(JSON.stringify(event)),
    }),
  );
  const raw = out.Payload ? new TextDecoder().decode(out.Payload) : '';
  let payload: unknown = raw;
  try {
    payload = raw ? JSON.parse(raw) : undefined;
  } catch {}
  return {
    payload,
    raw,
    functionError: out.FunctionError,
    executedVersion: out.ExecutedVersion,
    logTail: out.LogResult ? Buffer.from(out.LogResult, 'base64').toString('utf8') : undefined,
  };
}
