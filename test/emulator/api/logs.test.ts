import {
  CreateLogGroupCommand, CreateLogStreamCommand, DeleteLogGroupCommand, DeleteRetentionPolicyCommand, DescribeLogGroupsCommand,
  DescribeLogStreamsCommand, FilterLogEventsCommand, GetLogEventsCommand, PutLogEventsCommand, PutRetentionPolicyCommand,
  ResourceAlreadyExistsException, ResourceNotFoundException, InvalidParameterException,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateFunctionCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import { createRole, HANDLER_JS, startHarness, zipOf, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

test('log groups: create, conflict, describe with prefix and paging, retention, delete', async () => {
  await h.logs.send(new CreateLogGroupCommand({ logGroupName: '/zap/a' }));
  await h.logs.send(new CreateLogGroupCommand({ logGroupName: '/zap/b' }));
  await expect(h.logs.send(new CreateLogGroupCommand({ logGroupName: '/zap/a' }))).rejects.toBeInstanceOf(ResourceAlreadyExistsException);
  const p1 = await h.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/zap/', limit: 1 }));
  const p2 = await h.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/zap/', limit: 1, nextToken: p1.nextToken }));
  expect([...p1.logGroups!, ...p2.logGroups!].map((g) => g.logGroupName)).toEqual(['/zap/a', '/zap/b']);
  expect(p1.logGroups![0].arn).toBe('arn:aws:logs:us-east-1:000000000000:log-group:/zap/a:*');
  await h.logs.send(new PutRetentionPolicyCommand({ logGroupName: '/zap/a', retentionInDays: 14 }));
  expect((await h.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/zap/a' }))).logGroups![0].retentionInDays).toBe(14);
  await expect(h.logs.send(new PutRetentionPolicyCommand({ logGroupName: '/zap/a', retentionInDays: 13 }))).rejects.toBeInstanceOf(InvalidParameterException);
  await h.logs.send(new DeleteRetentionPolicyCommand({ logGroupName: '/zap/a' }));
  await h.logs.send(new DeleteLogGroupCommand({ logGroupName: '/zap/b' }));
  await expect(h.logs.send(new DeleteLogGroupCommand({ logGroupName: '/zap/b' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
});

test('a function log group appears on its first log; FilterLogEvents and GetLogEvents read it', async () => {
  const role = await createRole(h);
  await h.lambda.send(new CreateFunctionCommand({ FunctionName: 'lg', Role: role, Runtime: 'nodejs24.x', Handler: 'index.handler', Code: { ZipFile: await zipOf({ 'index.js': HANDLER_JS }) } }));
  await expect(h.logs.send(new DescribeLogStreamsCommand({ logGroupName: '/aws/lambda/lg' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  await h.lambda.send(new InvokeCommand({ FunctionName: 'lg', Payload: Buffer.from('{"zap":"keep_warm"}') }));
  await h.lambda.send(new InvokeCommand({ FunctionName: 'lg', Payload: Buffer.from('{"path":"/"}') }));
  const streams = await h.logs.send(new DescribeLogStreamsCommand({ logGroupName: '/aws/lambda/lg' }));
  expect(streams.logStreams).toHaveLength(1);
  const all = await h.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/lg' }));
  expect(all.events).toHaveLength(4);
  expect(new Set(all.events!.map((e) => e.eventId)).size).toBe(4);
  expect(all.events![0]).toMatchObject({ logStreamName: streams.logStreams![0].logStreamName, ingestionTime: expect.any(Number) });
  const warm = await h.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/lg', filterPattern: '{ $.zap = "keep_warm" }' }));
  expect(warm.events).toHaveLength(1);
  const notWarm = await h.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/lg', filterPattern: '-keep_warm' }));
  expect(notWarm.events).toHaveLength(3);
  const pages: string[] = [];
  let token: string | undefined;
  for (let i = 0; i < 10; i++) {
    const p = await h.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/lg', limit: 3, nextToken: token }));
    pages.push(...p.events!.map((e) => e.eventId!));
    token = p.nextToken;
    if (!token) break;
  }
  expect(pages).toEqual(all.events!.map((e) => e.eventId));
  const again = await h.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/lg' }));
  expect(again.events!.map((e) => e.eventId)).toEqual(all.events!.map((e) => e.eventId));
  const get = await h.logs.send(new GetLogEventsCommand({ logGroupName: '/aws/lambda/lg', logStreamName: streams.logStreams![0].logStreamName!, startFromHead: true, limit: 2 }));
  expect(get.events).toHaveLength(2);
  const next = await h.logs.send(new GetLogEventsCommand({ logGroupName: '/aws/lambda/lg', logStreamName: streams.logStreams![0].logStreamName!, nextToken: get.nextForwardToken, limit: 2 }));
  expect(next.events![0].message).toBe(all.events![2].message);
  await expect(h.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/lg', filterPattern: '{ $.zap = ' }))).rejects.toBeInstanceOf(InvalidParameterException);
});

test('CreateLogStream and PutLogEvents', async () => {
  await h.logs.send(new CreateLogStreamCommand({ logGroupName: '/zap/a', logStreamName: 's' }));
  await h.logs.send(new PutLogEventsCommand({ logGroupName: '/zap/a', logStreamName: 's', logEvents: [{ timestamp: 1, message: 'ERROR one' }, { timestamp: 2, message: 'WARN two' }] }));
  const r = await h.logs.send(new FilterLogEventsCommand({ logGroupName: '/zap/a', logStreamNames: ['s'], filterPattern: '?ERROR ?WARN', startTime: 2 }));
  expect(r.events!.map((e) => e.message)).toEqual(['WARN two']);
});
