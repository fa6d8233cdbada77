import {
  AttachRolePolicyCommand, CreateRoleCommand, DeleteConflictException, DeleteRoleCommand, DeleteRolePolicyCommand,
  DetachRolePolicyCommand, EntityAlreadyExistsException, GetRoleCommand, GetRolePolicyCommand, ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand, ListRoleTagsCommand, MalformedPolicyDocumentException, NoSuchEntityException, PutRolePolicyCommand,
  TagRoleCommand, UntagRoleCommand, UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateFunctionCommand, InvalidParameterValueException } from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { HANDLER_JS, startHarness, TRUST, zipOf, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ delays: { roleAssumableMs: 400, functionPendingMs: 0, updateInProgressMs: 0 } });
});
afterAll(() => h.close());

const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:*', Resource: '*' }] });
const BASIC = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

test('STS GetCallerIdentity names the emulated account', async () => {
  const r = await h.sts.send(new GetCallerIdentityCommand({}));
  expect(r.Account).toBe('000000000000');
  expect(r.Arn).toBe('arn:aws:iam::000000000000:root');
});

test('role lifecycle: create, get (URL-encoded trust policy), tags, conflicts', async () => {
  const c = await h.iam.send(new CreateRoleCommand({ RoleName: 'r1', AssumeRolePolicyDocument: TRUST, Tags: [{ Key: 'app', Value: 'zap' }], Description: 'd' }));
  expect(c.Role?.Arn).toBe('arn:aws:iam::000000000000:role/r1');
  expect(c.Role?.CreateDate).toBeInstanceOf(Date);
  const g = await h.iam.send(new GetRoleCommand({ RoleName: 'r1' }));
  expect(decodeURIComponent(g.Role!.AssumeRolePolicyDocument!)).toBe(TRUST);
  expect(g.Role?.Tags).toEqual([{ Key: 'app', Value: 'zap' }]);
  await expect(h.iam.send(new CreateRoleCommand({ RoleName: 'r1', AssumeRolePolicyDocument: TRUST }))).rejects.toBeInstanceOf(EntityAlreadyExistsException);
  await expect(h.iam.send(new GetRoleCommand({ RoleName: 'none' }))).rejects.toBeInstanceOf(NoSuchEntityException);
  await expect(h.iam.send(new CreateRoleCommand({ RoleName: 'r2', AssumeRolePolicyDocument: '{not json' }))).rejects.toBeInstanceOf(MalformedPolicyDocumentException);
  await h.iam.send(new TagRoleCommand({ RoleName: 'r1', Tags: [{ Key: 'stage', Value: 'dev' }, { Key: 'app', Value: 'zap2' }] }));
  await h.iam.send(new UntagRoleCommand({ RoleName: 'r1', TagKeys: ['stage'] }));
  const t = await h.iam.send(new ListRoleTagsCommand({ RoleName: 'r1' }));
  expect(t.Tags).toEqual([{ Key: 'app', Value: 'zap2' }]);
  await h.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'r1', PolicyDocument: TRUST }));
});

test('inline and attached policies; DeleteRole refuses while any remain', async () => {
  await h.iam.send(new CreateRoleCommand({ RoleName: 'r3', AssumeRolePolicyDocument: TRUST }));
  await h.iam.send(new PutRolePolicyCommand({ RoleName: 'r3', PolicyName: 'logs', PolicyDocument: POLICY }));
  await h.iam.send(new PutRolePolicyCommand({ RoleName: 'r3', PolicyName: 'more', PolicyDocument: POLICY }));
  const got = await h.iam.send(new GetRolePolicyCommand({ RoleName: 'r3', PolicyName: 'logs' }));
  expect(decodeURIComponent(got.PolicyDocument!)).toBe(POLICY);
  const p1 = await h.iam.send(new ListRolePoliciesCommand({ RoleName: 'r3', MaxItems: 1 }));
  expect(p1).toMatchObject({ PolicyNames: ['logs'], IsTruncated: true });
  const p2 = await h.iam.send(new ListRolePoliciesCommand({ RoleName: 'r3', MaxItems: 1, Marker: p1.Marker }));
  expect(p2).toMatchObject({ PolicyNames: ['more'], IsTruncated: false });
  await h.iam.send(new AttachRolePolicyCommand({ RoleName: 'r3', PolicyArn: BASIC }));
  const att = await h.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'r3' }));
  expect(att.AttachedPolicies).toEqual([{ PolicyName: 'AWSLambdaBasicExecutionRole', PolicyArn: BASIC }]);
  await expect(h.iam.send(new DeleteRoleCommand({ RoleName: 'r3' }))).rejects.toBeInstanceOf(DeleteConflictException);
  await h.iam.send(new DeleteRolePolicyCommand({ RoleName: 'r3', PolicyName: 'logs' }));
  await h.iam.send(new DeleteRolePolicyCommand({ RoleName: 'r3', PolicyName: 'more' }));
  await expect(h.iam.send(new DeleteRolePolicyCommand({ RoleName: 'r3', PolicyName: 'more' }))).rejects.toBeInstanceOf(NoSuchEntityException);
  await expect(h.iam.send(new DeleteRoleCommand({ RoleName: 'r3' }))).rejects.toBeInstanceOf(DeleteConflictException);
  await h.iam.send(new DetachRolePolicyCommand({ RoleName: 'r3', PolicyArn: BASIC }));
  await h.iam.send(new DeleteRoleCommand({ RoleName: 'r3' }));
  await expect(h.iam.send(new DeleteRoleCommand({ RoleName: 'r3' }))).rejects.toBeInstanceOf(NoSuchEntityException);
});

test('a new role cannot be assumed by Lambda until it has propagated', async () => {
  const { Role } = await h.iam.send(new CreateRoleCommand({ RoleName: 'fresh', AssumeRolePolicyDocument: TRUST }));
  const input = { FunctionName: 'f', Role: Role!.Arn!, Runtime: 'nodejs24.x' as const, Handler: 'index.handler', Code: { ZipFile: await zipOf({ 'index.js': HANDLER_JS }) } };
  const err = await h.lambda.send(new CreateFunctionCommand(input)).catch((e) => e);
  expect(err).toBeInstanceOf(InvalidParameterValueException);
  expect(err.message).toBe('The role defined for the function cannot be assumed by Lambda.');
  await new Promise((r) => setTimeout(r, 450));
  const ok = await h.lambda.send(new CreateFunctionCommand(input));
  expect(ok.FunctionName).toBe('f');
  const missing = { ...input, FunctionName: 'g', Role: 'arn:aws:iam::000000000000:role/missing' };
  await expect(h.lambda.send(new CreateFunctionCommand(missing))).rejects.toBeInstanceOf(InvalidParameterValueException);
  const ec2Trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
  const ec2 = await h.iam.send(new CreateRoleCommand({ RoleName: 'ec2-only', AssumeRolePolicyDocument: ec2Trust }));
  await new Promise((r) => setTimeout(r, 450));
  await expect(h.lambda.send(new CreateFunctionCommand({ ...input, FunctionName: 'h', Role: ec2.Role!.Arn! }))).rejects.toBeInstanceOf(InvalidParameterValueException);
});
