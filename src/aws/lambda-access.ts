import {
  AddPermissionCommand, CreateAliasCommand, CreateFunctionUrlConfigCommand, DeleteFunctionUrlConfigCommand, GetAliasCommand,
  GetFunctionUrlConfigCommand, GetPolicyCommand, RemovePermissionCommand, UpdateAliasCommand, type AddPermissionCommandInput,
  type AliasConfiguration,
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
  try {
    return (await c.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: fn, Qualifier: qualifier }))).FunctionUrl;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export async function createUrl(c: AwsClients, fn: string, qualifier: string): Promise<string> {
  const out = await c.lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: fn, Qualifier: qualifier, AuthType: 'NONE' }));
  return out.FunctionUrl!;
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
