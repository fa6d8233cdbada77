import {
  AddPermissionCommand, CreateAliasCommand, CreateFunctionUrlConfigCommand, DeleteFunctionUrlConfigCommand, GetAliasCommand,
  GetFunctionUrlConfigCommand, GetPolicyCommand, RemovePermissionCommand, UpdateAliasCommand, UpdateFunctionUrlConfigCommand,
  type AddPermissionCommandInput, type AliasConfiguration, type InvokeMode,
} from '@aws-sdk/client-lambda';
import type { AwsClients } from './clients';
import { isNotFound } from './errors';

export async function getAlias(c: AwsClients, fn: string, alias: string): Promise<AliasConfiguration | undefined> {
  try {
    return await c.lambda.send(new GetAliasCommand({ FunctionName: fn, Name: alias }));
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export async function putAlias(c: AwsClients, fn: string, alias: string, version: string, description: string, exists: boolean): Promise<AliasConfiguration> {
  const input = { FunctionName: fn, Name: alias, FunctionVersion: version, Description: description };
  return exists ? c.lambda.send(new UpdateAliasCommand(input)) : c.lambda.send(new CreateAliasCommand(input));
}

export interface PolicyStatement {
  Sid: string;
  Action?: string;
  Principal?: unknown;
  Condition?: Record<string, Record<string, string>>;
}

/** The statements of a function's (or qualifier's) resource policy; none when it has no policy. */
export async function getPolicyStatements(c: AwsClients, fn: string, qualifier?: string): Promise<PolicyStatement[]> {
  try {
    const { Policy } = await c.lambda.send(new GetPolicyCommand({ FunctionName: fn, Qualifier: qualifier }));
    return (JSON.parse(Policy ?? '{}') as { Statement?: PolicyStatement[] }).Statement ?? [];
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
}

export async function addPermission(c: AwsClients, input: AddPermissionCommandInput): Promise<void> {
  await c.lambda.send(new AddPermissionCommand(input));
}

export async function removePermission(c: AwsClients, fn: string, sid: string, qualifier?: string): Promise<void> {
  try {
    await c.lambda.send(new RemovePermissionCommand({ FunctionName: fn, StatementId: sid, Qualifier: qualifier }));
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

export async function getUrl(c: AwsClients, fn: string, qualifier: string): Promise<string | undefined> {
  return (await getUrlConfig(c, fn, qualifier))?.url;
}

/** The URL and its invoke mode (BUFFERED when AWS leaves it out). */
export async function getUrlConfig(c: AwsClients, fn: string, qualifier: string): Promise<{ url: string; invokeMode: InvokeMode } | undefined> {
  try {
    const out = await c.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: fn, Qualifier: qualifier }));
    return { url: out.FunctionUrl!, invokeMode: out.InvokeMode ?? 'BUFFERED' };
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export async function createUrl(c: AwsClients, fn: string, qualifier: string, invokeMode: InvokeMode = 'BUFFERED'): Promise<string> {
  const out = await c.lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: fn, Qualifier: qualifier, AuthType: 'NONE', InvokeMode: invokeMode }));
  return out.FunctionUrl!;
}

export async function setUrlInvokeMode(c: AwsClients, fn: string, qualifier: string, invokeMode: InvokeMode): Promise<void> {
  await c.lambda.send(new UpdateFunctionUrlConfigCommand({ FunctionName: fn, Qualifier: qualifier, InvokeMode: invokeMode }));
}

/** Removes the Function URL; false when there was none. */
export async function deleteUrl(c: AwsClients, fn: string, qualifier: string): Promise<boolean> {
  try {
    await c.lambda.send(new DeleteFunctionUrlConfigCommand({ FunctionName: fn, Qualifier: qualifier }));
    return true;
  } catch (err) {
    if (!isNotFound(err)) throw err;
    return false;
  }
}
