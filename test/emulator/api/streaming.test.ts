// Response streaming in the emulator with real containers: the runtime's `awslambda` global, the
// Runtime API's streaming mode (chunks, error trailers), InvokeWithResponseStream as the SDK reads it,
// and Function URLs in RESPONSE_STREAM mode. Buffered functions and URLs answer as before.
import {
  AddPermissionCommand, CreateFunctionCommand, CreateFunctionUrlConfigCommand, GetFunctionUrlConfigCommand, InvokeCommand, InvokeWithResponseStreamCommand,
  UpdateFunctionUrlConfigCommand,
} from '@aws-sdk/client-lambda';
import { ContainerPool } from '../../../src/emulator/container';
import { createRole, startHarness, zipOf, type Harness } from './helpers';

// Written as AWS's own examples write a streaming function.
const STREAMING_JS = `
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
exports.handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
  if (event.fail) {
    responseStream.write('partial');
    await sleep(20);
    throw new Error('broke mid-stream');
  }
  if (event.plain) {
    responseStream.setContentType('text/plain');
    responseStream.write('just bytes');
    responseStream.end();
    return;
  }
  const stream = awslambda.HttpResponseStream.from(responseStream, {
    statusCode: 201, headers: { 'content-type': 'text/plain', 'x-request': context.awsRequestId ? 'yes' : 'no' }, cookies: ['a=1; Path=/', 'b=2'],
  });
  stream.write('one,');
  await sleep(300);
  stream.write('two');
  stream.end();
});
`;

let h: Harness;
let streamingUrl: string;
let bufferedUrl: string;

async function makeFunction(name: string, code: string): Promise<string> {
  await h.lambda.send(new CreateFunctionCommand({
    FunctionName: name, Role: await createRole(h, `${name}-role`), Runtime: 'nodejs24.x', Handler: 'index.handler', Timeout: 10,
    Code: { ZipFile: await zipOf({ 'index.js': code }) },
  }));
  await h.lambda.send(new AddPermissionCommand({ FunctionName: name, StatementId: 'u', Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' }));
  await h.lambda.send(new AddPermissionCommand({ FunctionName: name, StatementId: 'v', Action: 'lambda:InvokeFunction', Principal: '*', InvokedViaFunctionUrl: true }));
  const { FunctionUrl } = await h.lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: name, AuthType: 'NONE', InvokeMode: 'RESPONSE_STREAM' }));
  return FunctionUrl!;
}

beforeAll(async () => {
  h = await startHarness({ createPool: (o) => new ContainerPool(o), idleTtlSeconds: 60, resources: { cpuLimit: false } });
  streamingUrl = await makeFunction('streamer', STREAMING_JS);
  bufferedUrl = await makeFunction('buffered', 'exports.handler = async (event) => ({ statusCode: 200, headers: { "content-type": "text/plain" }, cookies: ["c=3"], body: "whole " + event.rawPath });\n');
});
afterAll(() => h?.close());

async function streamOf(name: string, event: unknown) {
  const out = await h.lambda.send(new InvokeWithResponseStreamCommand({ FunctionName: name, Payload: JSON.stringify(event) }));
  const chunks: Buffer[] = [];
  let complete: { ErrorCode?: string; ErrorDetails?: string } | undefined;
  for await (const e of out.EventStream!) {
    if (e.PayloadChunk?.Payload) chunks.push(Buffer.from(e.PayloadChunk.Payload));
    if (e.InvokeComplete) complete = e.InvokeComplete;
  }
  return { out, chunks, complete };
}

test('InvokeWithResponseStream: the prelude and each write as PayloadChunks, then InvokeComplete', async () => {
  const { out, chunks, complete } = await streamOf('streamer', {});
  expect(out.StatusCode).toBe(200);
  expect(out.ExecutedVersion).toBe('$LATEST');
  expect(out.ResponseStreamContentType).toBe('application/vnd.awslambda.http-integration-response');
  const text = Buffer.concat(chunks).toString('latin1');
  expect(text).toBe(`${JSON.stringify({ statusCode: 201, headers: { 'content-type': 'text/plain', 'x-request': 'yes' }, cookies: ['a=1; Path=/', 'b=2'] })}${'\0'.repeat(8)}one,two`);
  expect(chunks.length).toBeGreaterThanOrEqual(2);
  expect(complete).toEqual({});
});

test('an error thrown mid-stream reaches InvokeComplete through the runtime\'s trailers', async () => {
  const { chunks, complete } = await streamOf('streamer', { fail: true });
  expect(Buffer.concat(chunks).toString()).toBe('partial');
  expect(complete).toMatchObject({ ErrorCode: 'Error', ErrorDetails: 'broke mid-stream' });
});

test('a buffered function read through InvokeWithResponseStream comes as one chunk; a streaming one through Invoke, whole', async () => {
  const buffered = await streamOf('buffered', { rawPath: '/x' });
  expect(buffered.chunks.map((c) => JSON.parse(c.toString()))).toEqual([{ statusCode: 200, headers: { 'content-type': 'text/plain' }, cookies: ['c=3'], body: 'whole /x' }]);
  const r = await h.lambda.send(new InvokeCommand({ FunctionName: 'streamer', Payload: JSON.stringify({ plain: true }) }));
  expect(r.FunctionError).toBeUndefined();
  expect(Buffer.from(r.Payload!).toString()).toBe('just bytes');
});

test('a RESPONSE_STREAM URL answers chunked, status, headers and cookies from the prelude, each write as it comes', async () => {
  const started = performance.now();
  const res = await fetch(streamingUrl);
  expect(res.status).toBe(201);
  expect(res.headers.get('transfer-encoding')).toBe('chunked');
  expect(res.headers.get('content-type')).toBe('text/plain');
  expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2']);
  const reader = res.body!.getReader();
  const parts: { at: number; text: string }[] = [];
  for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push({ at: performance.now() - started, text: Buffer.from(r.value).toString() });
  expect(parts.map((p) => p.text).join('')).toBe('one,two');
  // 'two' was written 300 ms after 'one,': it came in a later read, well after the first.
  expect(parts[0]!.text).toBe('one,');
  expect(parts[parts.length - 1]!.at - parts[0]!.at).toBeGreaterThanOrEqual(150);
});

test('a buffered function behind a RESPONSE_STREAM URL answers as in BUFFERED mode; the mode changes through UpdateFunctionUrlConfig', async () => {
  const streamed = await fetch(`${bufferedUrl}p`);
  expect([streamed.status, await streamed.text(), streamed.headers.getSetCookie()]).toEqual([200, 'whole /p', ['c=3']]);
  const updated = await h.lambda.send(new UpdateFunctionUrlConfigCommand({ FunctionName: 'buffered', InvokeMode: 'BUFFERED' }));
  expect(updated.InvokeMode).toBe('BUFFERED');
  expect((await h.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: 'buffered' }))).InvokeMode).toBe('BUFFERED');
  const buffered = await fetch(`${bufferedUrl}q`);
  expect([buffered.status, await buffered.text(), buffered.headers.getSetCookie()]).toEqual([200, 'whole /q', ['c=3']]);
  await expect(h.lambda.send(new UpdateFunctionUrlConfigCommand({ FunctionName: 'buffered', InvokeMode: 'STREAMING' as 'BUFFERED' }))).rejects.toMatchObject({ name: 'ValidationException' });
});
