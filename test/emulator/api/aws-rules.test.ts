/** Rules AWS enforces that the emulator enforces too, in AWS's error shapes. */
import { ApiGatewayV2Client, GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { ListRolesCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, ListFunctionsCommand, TagResourceCommand, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { createRole, HANDLER_JS, startHarness, zipOf, type Harness } from './helpers';

let h: Harness;
let role: string;
const fnArn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

beforeAll(async () => {
  h = await startHarness();
  role = await createRole(h);
  const zip = await zipOf({ 'index.js': HANDLER_JS });
  for (const name of ['one', 'two', 'three']) {
    await h.lambda.send(new CreateFunctionCommand({ FunctionName: name, Role: role, Runtime: 'nodejs24.x', Handler: 'index.handler', Code: { ZipFile: zip }, Tags: { t0: 'x' } }));
  }
});
afterAll(() => h?.close());

test('TagResource counts the tags a function has: 50 in all', async () => {
  const tags = (from: number, n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${from + i}`, 'x']));
  await h.lambda.send(new TagResourceCommand({ Resource: fnArn('one'), Tags: tags(1, 49) }));
  await expect(h.lambda.send(new TagResourceCommand({ Resource: fnArn('one'), Tags: tags(50, 1) }))).rejects.toMatchObject({ name: 'InvalidParameterValueException', $fault: 'client' });
  // Re-tagging a key it has already is not a new tag.
  await h.lambda.send(new TagResourceCommand({ Resource: fnArn('one'), Tags: { t0: 'y' } }));
});

test('TagResource refuses the aws: prefix and characters outside AWS tag rules', async () => {
  await expect(h.lambda.send(new TagResourceCommand({ Resource: fnArn('two'), Tags: { 'AWS:owner': 'me' } }))).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
  await expect(h.lambda.send(new TagResourceCommand({ Resource: fnArn('two'), Tags: { team: 'a, b' } }))).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringMatching(/at 'tags\.team'/) });
  await expect(h.lambda.send(new TagResourceCommand({ Resource: fnArn('two'), Tags: { 'k#1': 'x' } }))).rejects.toMatchObject({ name: 'ValidationException' });
});

test('environment: a one-letter name and a set over 4 KB in UTF-8 bytes are refused', async () => {
  const update = (Variables: Record<string, string>) => h.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'three', Environment: { Variables } }));
  await expect(update({ A: '1' })).rejects.toMatchObject({ name: 'ValidationException' });
  // 1,400 characters, 4,200 bytes: AWS counts bytes.
  await expect(update({ EURO: '€'.repeat(1400) })).rejects.toMatchObject({ name: 'InvalidParameterValueException', message: expect.stringMatching(/4KB/) });
});

test('PutRolePolicy refuses a statement without Resource, as IAM does', async () => {
  const put = (Statement: object[]) => h.iam.send(new PutRolePolicyCommand({ RoleName: 'fn-role', PolicyName: 'p', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement }) }));
  await expect(put([{ Effect: 'Allow', Action: 'logs:PutLogEvents' }])).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException', message: 'Policy statement must contain resources.' });
  await expect(put([{ Effect: 'Allow', Resource: '*' }])).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException' });
  await put([{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*' }]);
});

test('a paging token the service did not hand out is refused; one it did pages on', async () => {
  const page1 = await h.lambda.send(new ListFunctionsCommand({ MaxItems: 2 }));
  expect(page1.Functions).toHaveLength(2);
  const page2 = await h.lambda.send(new ListFunctionsCommand({ MaxItems: 2, Marker: page1.NextMarker }));
  expect(page2.Functions?.map((f) => f.FunctionName)).toEqual(['two']);
  await expect(h.lambda.send(new ListFunctionsCommand({ Marker: 'not-a-marker' }))).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
  await expect(h.iam.send(new ListRolesCommand({ Marker: 'bogus' }))).rejects.toMatchObject({ name: 'ValidationError' });
  await expect(h.events.send(new ListRulesCommand({ NextToken: 'bogus' }))).rejects.toMatchObject({ name: 'ValidationException' });
  await expect(h.logs.send(new DescribeLogGroupsCommand({ nextToken: 'bogus' }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
  const apigw = new ApiGatewayV2Client({ endpoint: h.emu.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  await expect(apigw.send(new GetApisCommand({ NextToken: 'bogus' }))).rejects.toMatchObject({ name: 'BadRequestException' });
  apigw.destroy();
});
