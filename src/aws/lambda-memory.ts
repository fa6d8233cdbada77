import { UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import type { AwsClients } from './clients';
import { waitUpdated } from './lambda';

/** Memory and description of $LATEST, and nothing else (`zap tune`); waits until Lambda applied them. */
export async function updateMemory(c: AwsClients, name: string, memoryMb: number, description: string): Promise<void> {
  await c.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, MemorySize: memoryMb, Description: description }));
  await waitUpdated(c, name);
}
