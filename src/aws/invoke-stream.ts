import { InvokeWithResponseStreamCommand } from '@aws-sdk/client-lambda';
import type { AwsClients } from './clients';

export interface StreamOutcome {
  /** ErrorCode of the InvokeComplete event (the function failed, possibly mid-stream). */
  functionError?: string;
  errorDetails?: string;
  executedVersion?: string;
  /** The function's response stream content type (Lambda's HTTP prelude type when it sent one). */
  contentType?: string;
  logTail?: string;
}

/** InvokeWithResponseStream: each chunk handed to `onChunk` as it arrives. */
export async function invokeStreamed(
  c: AwsClients, fn: string, qualifier: string | undefined, event: unknown, onChunk: (bytes: Uint8Array) => void, opts: { tail?: boolean } = {},
): Promise<StreamOutcome> {
  const out = await c.lambda.send(
    new InvokeWithResponseStreamCommand({
      FunctionName: fn,
      Qualifier: qualifier,
      LogType: opts.tail ? 'Tail' : 'None',
      Payload: new TextEncoder().encode(JSON.stringify(event)),
    }),
  );
  const outcome: StreamOutcome = { executedVersion: out.ExecutedVersion, contentType: out.ResponseStreamContentType };
  for await (const e of out.EventStream ?? []) {
    if (e.PayloadChunk?.Payload) onChunk(e.PayloadChunk.Payload);
    if (e.InvokeComplete) {
      const { ErrorCode, ErrorDetails, LogResult } = e.InvokeComplete;
      if (ErrorCode) Object.assign(outcome, { functionError: ErrorCode, errorDetails: ErrorDetails });
      if (LogResult) outcome.logTail = Buffer.from(LogResult, 'base64').toString('utf8');
    }
  }
  return outcome;
}
