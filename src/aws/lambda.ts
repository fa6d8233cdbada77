import {
  CreateFunctionCommand, DeleteFunctionCommand, GetFunctionCommand, GetFunctionConfigurationCommand, ListVersionsByFunctionCommand,
  PublishVersionCommand, UpdateFunctionCodeCommand, UpdateFunctionConfigurationCommand, waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2, waitUntilPublishedVersionActive, type CreateFunctionCommandInput, type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import type { AwsClients } from './clients';
import { isNotFound } from './errors';

export type FunctionConfig = Omit<CreateFunctionCommandInput, 'Code' | 'Tags' | 'Publish'>;

export interface FunctionState {
  configuration: FunctionConfiguration;
  tags: Record<string, string>;
}

const WAIT = { maxWaitTime: 300, minDelay: 1, maxDelay: 5 };

export async function getFunction(c: AwsClients, name: string, qualifier?: string): Promise<FunctionState | undefined> {
  try {
    const out = await c.lambda.send(new GetFunctionCommand({ FunctionName: name, Qualifier: qualifier }));
    return { configuration: out.Configuration!, tags: out.Tags ?? {} };
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export async function getConfiguration(c: AwsClients, name: string, qualifier: string): Promise<FunctionConfiguration | undefined> {
  try {
    return await c.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: qualifier }));
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export async function createFunction(c: AwsClients, config: FunctionConfig, zip: Uint8Array, tags: Record<string, string>): Promise<FunctionConfiguration> {
  const out = await c.lambda.send(new CreateFunctionCommand({ ...config, Code: { ZipFile: zip }, Tags: tags, Publish: false }));
  await waitUntilFunctionActiveV2({ client: c.lambda, ...WAIT }, { FunctionName: config.FunctionName });
  return out;
}

/** Waits until no update is in progress: the SDK's waiter, as Lambda asks. */
export async function waitUpdated(c: AwsClients, name: string): Promise<void> {
  await waitUntilFunctionUpdatedV2({ client: c.lambda, ...WAIT }, { FunctionName: name });
}

export async function updateCode(c: AwsClients, name: string, zip: Uint8Array, architecture?: string): Promise<void> {
  await c.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zip, Architectures: architecture ? [architecture as 'arm64'] : undefined }));
  await waitUpdated(c, name);
}

export async function updateConfiguration(c: AwsClients, config: FunctionConfig): Promise<void> {
  const { Architectures: _a, ...rest } = config;
  await c.lambda.send(new UpdateFunctionConfigurationCommand(rest));
  await waitUpdated(c, config.FunctionName!);
}

export async function publishVersion(c: AwsClients, name: string, codeSha256: string, description: string): Promise<string> {
  const out = await c.lambda.send(new PublishVersionCommand({ FunctionName: name, CodeSha256: codeSha256, Description: description }));
  await waitUntilPublishedVersionActive({ client: c.lambda, ...WAIT }, { FunctionName: name, Qualifier: out.Version });
  return out.Version!;
}

/** Published versions, oldest first ($LATEST left out). */
export async function listVersions(c: AwsClients, name: string): Promise<FunctionConfiguration[]> {
  const versions: FunctionConfiguration[] = [];
  let Marker: string | undefined;
  for (let page = 0; page < 100; page++) {
    const out = await c.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: name, Marker }));
    versions.push(...(out.Versions ?? []).filter((v) => v.Version !== '$LATEST'));
    Marker = out.NextMarker;
    if (!Marker) break;
  }
  return versions.sort((a, b) => Number(a.Version) - Number(b.Version));
}

export async function deleteFunction(c: AwsClients, name: string, qualifier?: string): Promise<void> {
  try {
    await c.lambda.send(new DeleteFunctionCommand({ FunctionName: name, Qualifier: qualifier }));
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}
