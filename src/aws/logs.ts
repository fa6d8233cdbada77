import {
  CreateLogGroupCommand, DeleteLogGroupCommand, DescribeLogGroupsCommand, FilterLogEventsCommand, ListTagsForResourceCommand, PutRetentionPolicyCommand,
  TagResourceCommand,
  type FilteredLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import type { AwsClients } from './clients';
import { errorName, isNotFound } from './errors';

export async function getLogGroup(c: AwsClients, name: string): Promise<{ retentionInDays?: number } | undefined> {
  const { logGroups } = await c.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
  const group = logGroups?.find((g) => g.logGroupName === name);
  return group ? { retentionInDays: group.retentionInDays } : undefined;
}

export async function createLogGroup(c: AwsClients, name: string, tags: Record<string, string>): Promise<void> {
  try {
    await c.logs.send(new CreateLogGroupCommand({ logGroupName: name, tags }));
  } catch (err) {
    if (errorName(err) !== 'ResourceAlreadyExistsException') throw err;
  }
}

export async function putRetention(c: AwsClients, name: string, days: number): Promise<void> {
  await c.logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: days }));
}

export async function deleteLogGroup(c: AwsClients, name: string): Promise<void> {
  try {
    await c.logs.send(new DeleteLogGroupCommand({ logGroupName: name }));
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

export interface LogPage {
  events: FilteredLogEvent[];
  nextToken?: string;
}

/** One page of FilterLogEvents; a missing group answers undefined. */
export async function filterLogEvents(
  c: AwsClients,
  input: { group: string; startTime?: number; endTime?: number; pattern?: string; nextToken?: string; limit?: number },
): Promise<LogPage | undefined> {
  try {
    const out = await c.logs.send(
      new FilterLogEventsCommand({ logGroupName: input.group, startTime: input.startTime, endTime: input.endTime, filterPattern: input.pattern, nextToken: input.nextToken, limit: input.limit }),
    );
    return { events: out.events ?? [], nextToken: out.nextToken };
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** Creates the group only if it is absent: true when this call made it (CreateLogGroup is the condition). */
export async function createLogGroupIfAbsent(c: AwsClients, name: string, tags: Record<string, string>): Promise<boolean> {
  try {
    await c.logs.send(new CreateLogGroupCommand({ logGroupName: name, tags }));
    return true;
  } catch (err) {
    if (errorName(err) === 'ResourceAlreadyExistsException') return false;
    throw err;
  }
}

/** The group's tags, or undefined when there is no such group. */
export async function logGroupTags(c: AwsClients, name: string): Promise<Record<string, string> | undefined> {
  const { logGroups } = await c.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
  const group = logGroups?.find((g) => g.logGroupName === name);
  if (!group?.logGroupArn) return undefined;
  try {
    const { tags } = await c.logs.send(new ListTagsForResourceCommand({ resourceArn: group.logGroupArn }));
    return tags ?? {};
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export async function tagLogGroup(c: AwsClients, name: string, tags: Record<string, string>): Promise<void> {
  const { logGroups } = await c.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
  const arn = logGroups?.find((g) => g.logGroupName === name)?.logGroupArn;
  if (arn) await c.logs.send(new TagResourceCommand({ resourceArn: arn, tags }));
}
