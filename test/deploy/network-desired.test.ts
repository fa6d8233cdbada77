import { configDifferences, functionConfig } from '../../src/deploy/desired';
import { comparableVpc, policySummary, settingStatements, tracingConfig, vpcConfig, VPC_ACTIONS, XRAY_ACTIONS } from '../../src/deploy/network-desired';
import { covers } from '../../src/deploy/preflight';
import { dnsRecord } from '../../src/deploy/steps/domain';
import { namesFor } from '../../src/contracts/names';
import { withDefaults } from '../../src/settings';

const VPC = { SubnetIds: ['subnet-0123456789abcdef0'], SecurityGroupIds: ['sg-0123456789abcdef0'] };
const settings = (extra: Record<string, unknown> = {}) => withDefaults({ stage: 'dev', project_name: 'shop', app: 'a.js', ...extra });

test('VpcConfig: the ids when set, empty lists (detach) when not; TracingConfig follows xray_tracing', () => {
  expect(vpcConfig({ vpc_config: VPC })).toEqual(VPC);
  expect(vpcConfig({})).toEqual({ SubnetIds: [], SecurityGroupIds: [] });
  expect(tracingConfig({ xray_tracing: true })).toEqual({ Mode: 'Active' });
  expect(tracingConfig({})).toEqual({ Mode: 'PassThrough' });
});

test('a function in no VPC compares equal whether Lambda omits VpcConfig or answers empty lists; id order does not matter', () => {
  const wanted = functionConfig(settings(), namesFor(settings()), 'arn:aws:iam::123456789012:role/r');
  const current = { ...wanted, Environment: wanted.Environment, VpcConfig: undefined, TracingConfig: undefined } as never;
  expect(configDifferences(current, wanted)).toEqual([]);
  expect(comparableVpc({ SubnetIds: ['subnet-b', 'subnet-a'], SecurityGroupIds: [] })).toEqual(comparableVpc({ SubnetIds: ['subnet-a', 'subnet-b'] }));
  const attached = functionConfig(settings({ vpc_config: VPC, xray_tracing: true }), namesFor(settings()), 'arn:aws:iam::123456789012:role/r');
  expect(configDifferences(current, attached).map((d) => d.split(':')[0])).toEqual(['VpcConfig', 'TracingConfig']);
});

test('the statements are exactly what the settings ask for', () => {
  expect(settingStatements({})).toEqual([]);
  const extra = { Effect: 'Allow' as const, Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:123456789012:q' };
  expect(settingStatements({ vpc_config: VPC, xray_tracing: true, extra_permissions: [extra] })).toEqual([
    { Sid: 'VpcNetworkInterfaces', Effect: 'Allow', Action: VPC_ACTIONS, Resource: '*' },
    { Sid: 'XRayTraces', Effect: 'Allow', Action: XRAY_ACTIONS, Resource: '*' },
    extra,
  ]);
  expect(VPC_ACTIONS).toEqual(['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses']);
});

test('while the deployed function is still attached (or traced), the role keeps what leaving needs', () => {
  const deployed = { VpcConfig: { SubnetIds: VPC.SubnetIds, SecurityGroupIds: VPC.SecurityGroupIds }, TracingConfig: { Mode: 'Active' as const } };
  expect(settingStatements({}, deployed).map((s) => s.Sid)).toEqual(['VpcNetworkInterfaces', 'XRayTraces']);
  expect(policySummary({}, deployed)).toBe('logs, invoke itself, VPC network interfaces until detached, X-Ray until tracing is off');
  expect(settingStatements({}, { VpcConfig: { SubnetIds: [], SecurityGroupIds: [] }, TracingConfig: { Mode: 'PassThrough' } })).toEqual([]);
});

test('a certificate covers its name and one label under its wildcard', () => {
  expect(covers('api.example.com', 'api.example.com')).toBe(true);
  expect(covers('*.example.com', 'api.example.com')).toBe(true);
  expect(covers('*.example.com', 'a.b.example.com')).toBe(false);
  expect(covers('*.example.com', 'example.com')).toBe(false);
});

test('the DNS record names the target and its hosted zone', () => {
  expect(dnsRecord({ name: 'api.example.com', target: 'd-abc.execute-api.eu-west-1.amazonaws.com', hostedZoneId: 'ZLY8HYME6SFDD' })).toBe(
    'CNAME api.example.com → d-abc.execute-api.eu-west-1.amazonaws.com (or a Route 53 alias A/AAAA record to d-abc.execute-api.eu-west-1.amazonaws.com, hosted zone ZLY8HYME6SFDD)',
  );
});
