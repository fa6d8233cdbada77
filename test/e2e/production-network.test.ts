// vpc_config, xray_tracing, extra_permissions and domain + certificate_arn, deployed into the emulator:
// added, changed, removed, and a second deploy that changes nothing; bad values refused before any change.
import { ACMClient, RequestCertificateCommand } from '@aws-sdk/client-acm';
import { ApiGatewayV2Client, GetApiMappingsCommand, GetApisCommand, GetDomainNamesCommand } from '@aws-sdk/client-apigatewayv2';
import { CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetRolePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createClients } from '../../src/aws/clients';
import { createReporter } from '../../src/core/output';
import { buildArtifact } from '../../src/deploy/artifact';
import { undeploy } from '../../src/deploy/undeploy';
import { gatherStatus } from '../../src/observe/status';
import { loadStage } from '../../src/settings';
import type { Artifact } from '../../src/deploy/steps/function';
import { UNTHROTTLED, deploySampleApp, type DeployedStage } from '../helpers/deployed';
import { WRITE_OPERATION, succeeded, type DeployRun } from '../helpers/in-process';

jest.setTimeout(240_000);

const writes = (run: DeployRun) => run.calls.filter((c) => WRITE_OPERATION.test(c));
const S3_READ = { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::shop-assets/*' };
const QUEUE = { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:000000000000:orders' };

let stage: DeployedStage;
let fn: string;
let artifact: Artifact;
let lambda: LambdaClient;
let iam: IAMClient;
let ec2: EC2Client;
let apigw: ApiGatewayV2Client;
let certificate: string;
/** The default VPC's subnets and group, and a second VPC's. */
let one: { vpc: string; subnets: string[]; group: string };
let two: { vpc: string; subnets: string[]; group: string };

beforeAll(async () => {
  stage = await deploySampleApp({ dev: { keep_warm: false, compile_cache: false }, deploy: false, cli: 'in-process', emulator: { resources: UNTHROTTLED } });
  const settings = await loadStage(stage.dir, 'dev');
  fn = `${settings.project_name}-dev`;
  // Packaged once for the whole file: the settings under test change no byte of the zip.
  artifact = await buildArtifact(stage.dir, settings);
  const cfg = { region: 'eu-west-1', endpoint: stage.emulator.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  [lambda, iam, ec2, apigw] = [new LambdaClient(cfg), new IAMClient(cfg), new EC2Client(cfg), new ApiGatewayV2Client(cfg)];
  const acm = new ACMClient(cfg);
  certificate = (await acm.send(new RequestCertificateCommand({ DomainName: '*.shop.example' }))).CertificateArn!;
  acm.destroy();
  // A database password and an API key, for the secrets every production app also names.
  const ssm = new SSMClient(cfg);
  await ssm.send(new PutParameterCommand({ Name: '/shop/db/password', Value: 'pw-for-tests', Type: 'SecureString' }));
  ssm.destroy();
  const sm = new SecretsManagerClient(cfg);
  await sm.send(new CreateSecretCommand({ Name: 'shop/api-key', SecretString: 'key-for-tests' }));
  sm.destroy();
  const vpc = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs!.find((v) => v.IsDefault)!.VpcId!;
  const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }))).Subnets!.map((s) => s.SubnetId!);
  const group = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }))).SecurityGroups![0].GroupId!;
  one = { vpc, subnets: subnets.slice(0, 2), group };
  const other = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.8.0.0/16' }))).Vpc!.VpcId!;
  const sub = (await ec2.send(new CreateSubnetCommand({ VpcId: other, CidrBlock: '10.8.1.0/24', AvailabilityZone: 'eu-west-1b' }))).Subnet!.SubnetId!;
  const sg = (await ec2.send(new CreateSecurityGroupCommand({ VpcId: other, GroupName: 'db-clients', Description: 'reaches the database' }))).GroupId!;
  two = { vpc: other, subnets: [sub], group: sg };
});
afterAll(async () => {
  for (const c of [lambda, iam, ec2, apigw]) c?.destroy();
  await stage?.close();
});

const config = () => lambda.send(new GetFunctionConfigurationCommand({ FunctionName: fn }));
const policy = async () => JSON.parse(decodeURIComponent((await iam.send(new GetRolePolicyCommand({ RoleName: `${fn}-role`, PolicyName: 'zap-function' }))).PolicyDocument!));
const domains = async () => (await apigw.send(new GetDomainNamesCommand({}))).Items ?? [];
const deploy = async (opts: { plan?: boolean } = {}) => {
  const run = await stage.deploy({ ...opts, artifact });
  artifact = succeeded(run).artifact;
  return run;
};

const logArn = () => `arn:aws:logs:eu-west-1:000000000000:log-group:/aws/lambda/${fn}`;
const fnArn = () => `arn:aws:lambda:eu-west-1:000000000000:function:${fn}`;
const ZAP_OWN = () => [
  { Sid: 'Logs', Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: [logArn(), `${logArn()}:*`] },
  { Sid: 'KeepWarmFanOut', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: [fnArn(), `${fnArn()}:*`] },
];
const VPC = { Sid: 'VpcNetworkInterfaces', Effect: 'Allow', Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'], Resource: '*' };
const SECRETS = [
  { Sid: 'SecretsParameters', Effect: 'Allow', Action: 'ssm:GetParameters', Resource: ['arn:aws:ssm:eu-west-1:000000000000:parameter/shop/db/password'] },
  { Sid: 'SecretsManager', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: ['arn:aws:secretsmanager:eu-west-1:000000000000:secret:shop/api-key-??????'] },
];
const XRAY = { Sid: 'XRayTraces', Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' };

test('a subnet that does not exist, or subnets and groups of two VPCs, fail before any change, naming the key', async () => {
  stage.setDev({ vpc_config: { SubnetIds: ['subnet-0123456789abcdef0'], SecurityGroupIds: [one.group] } });
  const missing = await stage.deploy({ artifact });
  expect(missing.error).toMatchObject({ exitCode: 2 });
  expect(missing.error!.message).toBe(`zap.json: stage 'dev', key 'vpc_config.SubnetIds': no subnet subnet-0123456789abcdef0 in eu-west-1; \`aws ec2 describe-subnets\` lists the ones there`);
  expect(writes(missing)).toEqual([]);

  stage.setDev({ vpc_config: { SubnetIds: one.subnets, SecurityGroupIds: [two.group] } });
  const mixed = await stage.deploy({ artifact });
  expect(mixed.error?.message).toMatch(/^zap\.json: stage 'dev', key 'vpc_config': the subnets and security groups must all be in one VPC/);
  expect(mixed.error!.message).toContain(`${two.group} in ${two.vpc}`);
  expect(writes(mixed)).toEqual([]);
  await expect(lambda.send(new GetFunctionConfigurationCommand({ FunctionName: fn }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
});

// Settings are loaded (and refused) before clients exist: no AWS call can happen.
test('a bad IAM statement, or a domain on a Function URL, is refused while loading the settings, naming the key and index', async () => {
  stage.setDev({ vpc_config: undefined, extra_permissions: [S3_READ, { Effect: 'Allow', Action: ['s3GetObject'], Resource: '*' }] });
  // One line per stage that has it: prod extends dev.
  const bad = loadStage(stage.dir, 'dev');
  await expect(bad).rejects.toMatchObject({ exitCode: 2 });
  await expect(bad).rejects.toThrow(`zap.json: stage 'dev', key 'extra_permissions[1].Action[0]': got "s3GetObject", expected "service:Action" such as "s3:GetObject" or "dynamodb:*"`);

  stage.setDev({ extra_permissions: undefined, domain: 'api.shop.example', certificate_arn: certificate });
  const url = loadStage(stage.dir, 'dev');
  await expect(url).rejects.toMatchObject({ exitCode: 2 });
  await expect(url).rejects.toThrow(`zap.json: stage 'dev', key 'domain': Lambda Function URLs cannot have custom domains; set "http": "api_gateway" to serve "api.shop.example" through an API Gateway HTTP API`);
});

test('every setting on: attached to the VPC, traced, secrets, extra statements and a custom domain mapped to the HTTP API', async () => {
  stage.setDev({
    http: 'api_gateway', domain: 'api.shop.example', certificate_arn: certificate, xray_tracing: true,
    vpc_config: { SubnetIds: one.subnets, SecurityGroupIds: [one.group] }, extra_permissions: [S3_READ],
    environment_variables: { NODE_ENV: 'production', DB_PASSWORD: 'ssm:/shop/db/password', API_KEY: 'secretsmanager:shop/api-key' },
  });
  const plan = await stage.deploy({ plan: true, artifact });
  expect(writes(plan)).toEqual([]);
  expect(plan.stderr).toMatch(/would create custom domain api\.shop\.example/);

  const run = await deploy();
  const cfg = await config();
  expect(cfg.VpcConfig).toMatchObject({ VpcId: one.vpc, SubnetIds: one.subnets, SecurityGroupIds: [one.group] });
  expect(cfg.TracingConfig).toEqual({ Mode: 'Active' });

  const doc = await policy();
  console.log(`the role's policy with every setting on:\n${JSON.stringify(doc, null, 2)}`);
  // Exactly what zap needs and each setting asked for: nothing more.
  // (Scheduled tasks need none: EventBridge invokes through the function's resource policy.)
  expect(doc).toEqual({ Version: '2012-10-17', Statement: [...ZAP_OWN(), ...SECRETS, VPC, XRAY, S3_READ] });
  expect(JSON.stringify(cfg.Environment?.Variables)).not.toMatch(/pw-for-tests|key-for-tests/);

  const [domain, ...more] = await domains();
  expect(more).toEqual([]);
  expect(domain).toMatchObject({ DomainName: 'api.shop.example', Tags: expect.objectContaining({ 'zap:stage': 'dev' }) });
  const [api] = (await apigw.send(new GetApisCommand({}))).Items!.filter((a) => a.Name === fn);
  expect((await apigw.send(new GetApiMappingsCommand({ DomainName: 'api.shop.example' }))).Items).toEqual([expect.objectContaining({ ApiId: api.ApiId, Stage: '$default' })]);
  const target = domain.DomainNameConfigurations![0].ApiGatewayDomainName!;
  expect(run.result!.domain).toMatchObject({ name: 'api.shop.example', target, hostedZoneId: 'ZLY8HYME6SFDD' });
  expect(run.stderr).toContain(`CNAME api.shop.example → ${target}`);
});

test('deployed twice, the second deploy changes nothing', async () => {
  const again = await deploy();
  expect(again.result!.changed).toBe(false);
  expect(writes(again)).toEqual([]);
});

test('zap status shows the VPC, tracing and the domain', async () => {
  const clients = await createClients({ region: 'eu-west-1', endpoint: stage.emulator.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  try {
    const report = await gatherStatus(clients, await loadStage(stage.dir, 'dev'), { since: Date.now() - 3600_000 });
    expect(report.network.vpc).toEqual({ id: one.vpc, subnets: one.subnets, security_groups: [one.group] });
    expect(report.network.tracing).toBe('Active');
    expect(report.network.domain).toMatchObject({ name: 'api.shop.example', target: expect.stringMatching(/^d-\w+\.execute-api\.eu-west-1\.amazonaws\.com$/), hosted_zone_id: 'ZLY8HYME6SFDD' });
  } finally {
    clients.destroy();
  }
});

test('the CLI: `zap deploy` prints the domain and its DNS record, `zap status` the VPC, tracing and domain', async () => {
  const deployed = await stage.zap(['deploy', 'dev']);
  expect(deployed.code).toBe(0);
  expect(deployed.stdout).toMatch(/^domain: https:\/\/api\.shop\.example\/$/m);
  expect(deployed.stdout).toMatch(/^dns: CNAME api\.shop\.example → d-\w+\.execute-api\.eu-west-1\.amazonaws\.com \(or a Route 53 alias A\/AAAA record to .*, hosted zone ZLY8HYME6SFDD\)$/m);
  const status = await stage.zap(['status', 'dev']);
  expect(status.code).toBe(0);
  expect(status.stdout).toContain(`vpc           ${one.vpc}: subnets ${one.subnets.join(', ')}; security groups ${one.group}`);
  expect(status.stdout).toContain('tracing       X-Ray, active');
  expect(status.stdout).toMatch(/domain        https:\/\/api\.shop\.example\/ → HTTP API \w+; DNS: CNAME to d-\w+/);
});

test('changed: another VPC, other statements, a renamed domain (the old one removed)', async () => {
  stage.setDev({ vpc_config: { SubnetIds: two.subnets, SecurityGroupIds: [two.group] }, extra_permissions: [QUEUE], domain: 'www.shop.example' });
  const run = await deploy();
  expect(run.stderr).toMatch(/remove custom domain api\.shop\.example \(domain is now www\.shop\.example\)/);
  expect((await config()).VpcConfig).toMatchObject({ VpcId: two.vpc, SubnetIds: two.subnets, SecurityGroupIds: [two.group] });
  expect((await policy()).Statement).toEqual([...ZAP_OWN(), ...SECRETS, VPC, XRAY, QUEUE]);
  expect((await domains()).map((d) => d.DomainName)).toEqual(['www.shop.example']);
  expect(writes(await deploy())).toEqual([]);
});

test('removed: detached from the VPC, tracing off, the policy back to zap\'s own, the domain gone; then nothing to change', async () => {
  stage.setDev({ vpc_config: undefined, extra_permissions: undefined, xray_tracing: undefined, domain: undefined, certificate_arn: undefined, http: undefined, environment_variables: { NODE_ENV: 'production' } });
  const run = await deploy();
  expect(run.stderr).toMatch(/remove custom domain www\.shop\.example \(domain removed from zap\.json\)/);
  const cfg = await config();
  expect(cfg.VpcConfig).toMatchObject({ SubnetIds: [], SecurityGroupIds: [] });
  expect(cfg.TracingConfig).toEqual({ Mode: 'PassThrough' });
  expect(await policy()).toEqual({ Version: '2012-10-17', Statement: ZAP_OWN() });
  expect(await domains()).toEqual([]);
  const again = await deploy();
  expect(again.result!.changed).toBe(false);
  expect(writes(again)).toEqual([]);
});

test('undeploy removes the custom domain with everything else', async () => {
  stage.setDev({ http: 'api_gateway', domain: 'api.shop.example', certificate_arn: certificate });
  await deploy();
  expect((await domains()).map((d) => d.DomainName)).toEqual(['api.shop.example']);
  const clients = await createClients({ region: 'eu-west-1', endpoint: stage.emulator.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  let out = '';
  try {
    const stream = { isTTY: false, write: (s: string) => ((out += s), true) } as unknown as NodeJS.WriteStream;
    const res = await undeploy(clients, await loadStage(stage.dir, 'dev'), { purgeLogs: true, report: createReporter({ stream }) });
    expect(res.removed).toContain('custom domain api.shop.example (remove its DNS record too)');
  } finally {
    clients.destroy();
  }
  expect(await domains()).toEqual([]);
});
