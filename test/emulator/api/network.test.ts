// The emulator's EC2 network, ACM certificates, API Gateway custom domains and Lambda's VpcConfig /
// TracingConfig, through the real SDK clients (and the AWS CLI when it is installed).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ACMClient, DescribeCertificateCommand, ListCertificatesCommand, RequestCertificateCommand } from '@aws-sdk/client-acm';
import {
  ApiGatewayV2Client, CreateApiCommand, CreateApiMappingCommand, CreateDomainNameCommand, DeleteApiMappingCommand, DeleteDomainNameCommand, GetApiMappingsCommand,
  GetDomainNameCommand, GetDomainNamesCommand,
} from '@aws-sdk/client-apigatewayv2';
import { CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateFunctionCommand, GetFunctionConfigurationCommand, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRole, HANDLER_JS, hasAwsCli, startHarness, zipOf, type Harness } from './helpers';

let h: Harness;
let ec2: EC2Client;
let acm: ACMClient;
let apigw: ApiGatewayV2Client;

beforeAll(async () => {
  h = await startHarness();
  const cfg = { endpoint: h.emu.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
  ec2 = new EC2Client(cfg);
  acm = new ACMClient(cfg);
  apigw = new ApiGatewayV2Client(cfg);
});
afterAll(async () => {
  for (const c of [ec2, acm, apigw]) c?.destroy();
  await h?.close();
});

const defaults = async () => {
  const { Vpcs } = await ec2.send(new DescribeVpcsCommand({}));
  const vpc = Vpcs!.find((v) => v.IsDefault)!;
  const { Subnets } = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }));
  const { SecurityGroups } = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }));
  return { vpc, subnets: Subnets!, groups: SecurityGroups! };
};

describe('EC2', () => {
  test('a default VPC with a subnet in each of three zones and its default security group, in AWS id shapes', async () => {
    const { vpc, subnets, groups } = await defaults();
    expect(vpc).toMatchObject({ CidrBlock: '172.31.0.0/16', IsDefault: true, State: 'available' });
    expect(vpc.VpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(subnets.map((s) => s.AvailabilityZone).sort()).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    for (const s of subnets) expect(s).toMatchObject({ SubnetId: expect.stringMatching(/^subnet-[0-9a-f]{17}$/), VpcId: vpc.VpcId, DefaultForAz: true });
    expect(groups).toEqual([expect.objectContaining({ GroupName: 'default', VpcId: vpc.VpcId, GroupId: expect.stringMatching(/^sg-[0-9a-f]{17}$/) })]);
  });

  test('ids that do not exist are refused with EC2\'s codes, naming the id', async () => {
    await expect(ec2.send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-0123456789abcdef0'] }))).rejects.toMatchObject({ name: 'InvalidSubnetID.NotFound', message: "The subnet ID 'subnet-0123456789abcdef0' does not exist" });
    await expect(ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-0123456789abcdef0'] }))).rejects.toMatchObject({ name: 'InvalidGroup.NotFound', message: "The security group 'sg-0123456789abcdef0' does not exist" });
    await expect(ec2.send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-nothex'] }))).rejects.toMatchObject({ name: 'InvalidSubnetID.Malformed' });
  });

  test('with --state-dir the default VPC keeps its ids across a restart, like an account\'s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zap-emu-net-'));
    try {
      const ids = async () => {
        const x = await startHarness({ stateDir: dir });
        const c = new EC2Client({ endpoint: x.emu.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
        const out = ((await c.send(new DescribeSubnetsCommand({}))).Subnets ?? []).map((s) => s.SubnetId).sort();
        c.destroy();
        await x.close();
        return out;
      };
      const first = await ids();
      expect(first).toHaveLength(3);
      expect(await ids()).toEqual(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a second VPC with its own subnet and security group', async () => {
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }));
    const { Subnet } = await ec2.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId, CidrBlock: '10.1.1.0/24', AvailabilityZone: 'us-east-1b' }));
    const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ VpcId: Vpc!.VpcId, GroupName: 'db', Description: 'database clients' }));
    const found = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [Subnet!.SubnetId!] }));
    expect(found.Subnets![0]).toMatchObject({ VpcId: Vpc!.VpcId, AvailabilityZone: 'us-east-1b', CidrBlock: '10.1.1.0/24' });
    const groups = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [GroupId!] }));
    expect(groups.SecurityGroups![0]).toMatchObject({ GroupName: 'db', Description: 'database clients', VpcId: Vpc!.VpcId });
    await expect(ec2.send(new CreateSecurityGroupCommand({ VpcId: Vpc!.VpcId, GroupName: 'db', Description: 'again' }))).rejects.toMatchObject({ name: 'InvalidGroup.Duplicate' });
  });
});

describe('Lambda VpcConfig and TracingConfig', () => {
  let role: string;
  beforeAll(async () => {
    role = await createRole(h, 'vpc-fn-role');
  });
  const create = async (name: string, extra: Record<string, unknown>) =>
    h.lambda.send(new CreateFunctionCommand({ FunctionName: name, Role: role, Runtime: 'nodejs24.x', Handler: 'index.handler', Code: { ZipFile: await zipOf({ 'index.js': HANDLER_JS }) }, ...extra }));

  test('a role that may not create network interfaces is refused, as Lambda refuses it', async () => {
    const { subnets, groups } = await defaults();
    await expect(create('novpcperm', { VpcConfig: { SubnetIds: [subnets[0].SubnetId!], SecurityGroupIds: [groups[0].GroupId!] } })).rejects.toMatchObject({
      name: 'InvalidParameterValueException', message: 'The provided execution role does not have permissions to call CreateNetworkInterface on EC2',
    });
  });

  test('attached, shown with its VPC id; refused ids and mixed VPCs; detached with empty lists; tracing Active', async () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface'], Resource: '*' }] };
    await h.iam.send(new PutRolePolicyCommand({ RoleName: 'vpc-fn-role', PolicyName: 'vpc', PolicyDocument: JSON.stringify(policy) }));
    const { vpc, subnets, groups } = await defaults();
    const cfg = await create('invpc', { VpcConfig: { SubnetIds: [subnets[0].SubnetId!, subnets[1].SubnetId!], SecurityGroupIds: [groups[0].GroupId!] }, TracingConfig: { Mode: 'Active' } });
    expect(cfg.VpcConfig).toMatchObject({ VpcId: vpc.VpcId, SubnetIds: [subnets[0].SubnetId, subnets[1].SubnetId], SecurityGroupIds: [groups[0].GroupId] });
    expect(cfg.TracingConfig).toEqual({ Mode: 'Active' });

    const update = (VpcConfig: Record<string, string[]>) => h.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'invpc', VpcConfig }));
    await expect(update({ SubnetIds: ['subnet-0123456789abcdef0'], SecurityGroupIds: [groups[0].GroupId!] })).rejects.toMatchObject({
      name: 'InvalidParameterValueException', message: "Error occurred while DescribeSubnets. EC2 Error Code: InvalidSubnetID.NotFound. EC2 Error Message: The subnet ID 'subnet-0123456789abcdef0' does not exist",
    });
    await expect(update({ SubnetIds: [subnets[0].SubnetId!], SecurityGroupIds: [] })).rejects.toMatchObject({ name: 'InvalidParameterValueException', message: 'SubnetIds and SecurityGroupIds must coexist or be both empty list.' });
    const other = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.2.0.0/16' }));
    const otherGroup = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [other.Vpc!.VpcId!] }] }));
    await expect(update({ SubnetIds: [subnets[0].SubnetId!], SecurityGroupIds: [otherGroup.SecurityGroups![0].GroupId!] })).rejects.toMatchObject({ name: 'InvalidParameterValueException', message: expect.stringContaining('one VPC') });
    await expect(update({ SubnetIds: Array.from({ length: 17 }, () => subnets[0].SubnetId!), SecurityGroupIds: [groups[0].GroupId!] })).rejects.toMatchObject({ name: 'ValidationException' });

    await update({ SubnetIds: [], SecurityGroupIds: [] });
    const detached = await h.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'invpc' }));
    expect(detached.VpcConfig).toMatchObject({ SubnetIds: [], SecurityGroupIds: [], VpcId: '' });
    await expect(h.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'invpc', TracingConfig: { Mode: 'Loud' as 'Active' } }))).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('ACM and API Gateway custom domains', () => {
  test('a requested certificate is issued at once; a domain name on it maps to an API stage', async () => {
    const { CertificateArn } = await acm.send(new RequestCertificateCommand({ DomainName: '*.example.com', ValidationMethod: 'DNS' }));
    expect(CertificateArn).toMatch(/^arn:aws:acm:us-east-1:000000000000:certificate\/[0-9a-f-]{36}$/);
    expect((await acm.send(new DescribeCertificateCommand({ CertificateArn }))).Certificate).toMatchObject({ Status: 'ISSUED', DomainName: '*.example.com' });
    expect((await acm.send(new ListCertificatesCommand({}))).CertificateSummaryList!.map((c) => c.CertificateArn)).toContain(CertificateArn);
    await expect(acm.send(new DescribeCertificateCommand({ CertificateArn: CertificateArn!.replace(/.{4}$/, 'ffff') }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });

    const cfg = [{ CertificateArn, EndpointType: 'REGIONAL' as const, SecurityPolicy: 'TLS_1_2' as const }];
    await expect(apigw.send(new CreateDomainNameCommand({ DomainName: 'api.other.org', DomainNameConfigurations: cfg }))).rejects.toMatchObject({ name: 'BadRequestException', message: expect.stringContaining('does not cover') });
    const made = await apigw.send(new CreateDomainNameCommand({ DomainName: 'api.example.com', DomainNameConfigurations: cfg, Tags: { team: 'web' } }));
    expect(made.DomainNameConfigurations![0]).toMatchObject({ ApiGatewayDomainName: expect.stringMatching(/^d-[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com$/), HostedZoneId: 'Z1UJRXOUMOOFQ8', DomainNameStatus: 'AVAILABLE' });
    await expect(apigw.send(new CreateDomainNameCommand({ DomainName: 'api.example.com', DomainNameConfigurations: cfg }))).rejects.toMatchObject({ name: 'ConflictException' });
    expect((await apigw.send(new GetDomainNamesCommand({}))).Items!.map((d) => [d.DomainName, d.Tags])).toEqual([['api.example.com', { team: 'web' }]]);
    expect((await acm.send(new DescribeCertificateCommand({ CertificateArn }))).Certificate!.InUseBy).toEqual(['arn:aws:apigateway:us-east-1::/domainnames/api.example.com']);

    const api = await apigw.send(new CreateApiCommand({ Name: 'web', ProtocolType: 'HTTP', Target: 'arn:aws:lambda:us-east-1:000000000000:function:web:live' }));
    await expect(apigw.send(new CreateApiMappingCommand({ DomainName: 'api.example.com', ApiId: api.ApiId, Stage: 'prod' }))).rejects.toMatchObject({ name: 'NotFoundException' });
    const mapping = await apigw.send(new CreateApiMappingCommand({ DomainName: 'api.example.com', ApiId: api.ApiId, Stage: '$default' }));
    expect((await apigw.send(new GetApiMappingsCommand({ DomainName: 'api.example.com' }))).Items).toEqual([expect.objectContaining({ ApiId: api.ApiId, Stage: '$default', ApiMappingId: mapping.ApiMappingId })]);
    await apigw.send(new DeleteApiMappingCommand({ DomainName: 'api.example.com', ApiMappingId: mapping.ApiMappingId }));
    await apigw.send(new DeleteDomainNameCommand({ DomainName: 'api.example.com' }));
    await expect(apigw.send(new GetDomainNameCommand({ DomainName: 'api.example.com' }))).rejects.toMatchObject({ name: 'NotFoundException' });
  });
});


// Two CLI calls only: each starts a Python process, seconds apiece on a loaded machine.
(hasAwsCli ? test : test.skip)('the AWS CLI reads the default subnets and lists ACM certificates', async () => {
  const run = promisify(execFile);
  const aws = async (...args: string[]) =>
    JSON.parse((await run('aws', ['--endpoint-url', h.emu.endpoint, '--output', 'json', ...args], { timeout: 30000, env: { ...process.env, AWS_DEFAULT_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_PAGER: '' } })).stdout);
  const { vpc } = await defaults();
  const subnets = await aws('ec2', 'describe-subnets', '--filters', `Name=vpc-id,Values=${vpc.VpcId}`);
  expect(subnets.Subnets.map((s: { AvailabilityZone: string }) => s.AvailabilityZone).sort()).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
  const certs = await aws('acm', 'list-certificates');
  expect(certs.CertificateSummaryList).toEqual([expect.objectContaining({ DomainName: '*.example.com' })]);
}, 60_000);
