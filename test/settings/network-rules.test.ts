import { permissionProblems, resolvedNetworkProblems, vpcProblems } from '../../src/settings/network-rules';
import { validateSettingsFile } from '../../src/settings';

const SUBNET = 'subnet-0123456789abcdef0';
const GROUP = 'sg-0123456789abcdef0';
const CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-0000-4000-8000-000000000000';

describe('vpc_config', () => {
  test('Lambda\'s spelling, 8- or 17-digit ids, at most 16 subnets and 5 groups', () => {
    expect(vpcProblems('dev', { SubnetIds: [SUBNET, 'subnet-0a1b2c3d'], SecurityGroupIds: [GROUP] })).toEqual([]);
    expect(vpcProblems('dev', { SubnetIds: ['subnet-xyz'], SecurityGroupIds: [GROUP] })).toEqual([
      `zap.json: stage 'dev', key 'vpc_config.SubnetIds[0]': got "subnet-xyz", expected an id such as "subnet-0123456789abcdef0" (subnet- then 8 or 17 hex digits)`,
    ]);
    expect(vpcProblems('dev', { SubnetIds: [SUBNET], SecurityGroupIds: ['sg-1', GROUP] })[0]).toContain(`key 'vpc_config.SecurityGroupIds[0]': got "sg-1"`);
    expect(vpcProblems('dev', { SubnetIds: Array(17).fill(SUBNET), SecurityGroupIds: [GROUP] })).toEqual([`zap.json: stage 'dev', key 'vpc_config.SubnetIds': got 17 ids, expected at most 16 (Lambda's limit)`]);
    expect(vpcProblems('dev', { SubnetIds: [SUBNET], SecurityGroupIds: Array.from({ length: 6 }, (_, i) => `sg-0123456${i}`) })[0]).toContain('expected at most 5');
    expect(vpcProblems('dev', { SubnetIds: [SUBNET, SUBNET], SecurityGroupIds: [GROUP] })[0]).toContain(`'vpc_config.SubnetIds[1]': "${SUBNET}" is listed twice`);
  });

  test('empty lists and other spellings are refused with the way to detach', () => {
    expect(vpcProblems('dev', { SubnetIds: [], SecurityGroupIds: [] })[0]).toContain('to detach the function from its VPC, remove vpc_config');
    expect(vpcProblems('dev', { subnet_ids: [SUBNET] })).toEqual([`zap.json: stage 'dev', key 'vpc_config.subnet_ids': unknown key; vpc_config takes "SubnetIds" and "SecurityGroupIds" (Lambda's spelling)`]);
  });
});

describe('extra_permissions', () => {
  test('Effect, Action and Resource, each named by index when wrong', () => {
    expect(permissionProblems('dev', [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:List*'], Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'] }, { Effect: 'Deny', Action: 'sqs:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }])).toEqual([]);
    expect(permissionProblems('dev', [{ Effect: 'allow', Action: 's3:GetObject', Resource: '*' }])).toEqual([`zap.json: stage 'dev', key 'extra_permissions[0].Effect': got "allow", expected "Allow" or "Deny"`]);
    expect(permissionProblems('dev', [{ Effect: 'Allow', Action: [], Resource: '*' }])[0]).toContain(`'extra_permissions[0].Action': got [], expected "service:Action"`);
    expect(permissionProblems('dev', [{ Effect: 'Allow', Action: '*', Resource: '*' }])[0]).toContain(`'extra_permissions[0].Action': got "*"`);
    expect(permissionProblems('dev', [{ Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::b', 'my-bucket'] }])[0]).toContain(`'extra_permissions[0].Resource[1]': got "my-bucket", expected an ARN`);
    expect(permissionProblems('dev', [{ Effect: 'Allow', Action: 's3:GetObject' }])[0]).toContain(`'extra_permissions[0].Resource': got undefined`);
    expect(permissionProblems('dev', [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }])[0]).toContain(`'extra_permissions[0].Principal': not allowed here`);
    expect(permissionProblems('dev', [{ Sid: 'Logs', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }])[0]).toContain(`"Logs" is the Sid of one of zap's own statements`);
    expect(permissionProblems('dev', { Effect: 'Allow' })[0]).toContain('expected a list of IAM statements');
  });

  test('refused by the validator itself, one line naming the statement, not the ajv message for the whole key', () => {
    const problems = validateSettingsFile({ dev: { app: 'a.js', extra_permissions: [{ Effect: 'Allow', Action: 's3GetObject', Resource: '*' }] } }, 'shop');
    expect(problems).toEqual([`zap.json: stage 'dev', key 'extra_permissions[0].Action': got "s3GetObject", expected "service:Action" such as "s3:GetObject" or "dynamodb:*"`]);
  });

  test('with a role of the user\'s own there is no zap role to add them to', () => {
    expect(resolvedNetworkProblems('dev', { role_arn: 'arn:aws:iam::123456789012:role/mine', extra_permissions: [] })[0]).toContain('names its own role (role_arn)');
  });
});

describe('domain + certificate_arn', () => {
  test('needs an HTTP API: a Function URL (the default) is refused with the reason and the fix', () => {
    expect(resolvedNetworkProblems('dev', { domain: 'api.example.com', certificate_arn: CERT })).toEqual([
      `zap.json: stage 'dev', key 'domain': Lambda Function URLs cannot have custom domains; set "http": "api_gateway" to serve "api.example.com" through an API Gateway HTTP API`,
    ]);
    expect(resolvedNetworkProblems('dev', { domain: 'api.example.com', certificate_arn: CERT, http: 'api_gateway', aws_region: 'eu-west-1' })).toEqual([]);
  });

  test('each needs the other, and the certificate is in the API\'s region', () => {
    expect(resolvedNetworkProblems('dev', { domain: 'api.example.com', http: 'api_gateway' })[0]).toContain(`key 'domain': "api.example.com" needs "certificate_arn"`);
    expect(resolvedNetworkProblems('dev', { certificate_arn: CERT })[0]).toContain(`key 'certificate_arn': set without "domain"`);
    expect(resolvedNetworkProblems('dev', { domain: 'api.example.com', certificate_arn: CERT, http: 'api_gateway', aws_region: 'us-east-1' })[0]).toContain('the certificate is in eu-west-1');
  });

  test('the names are checked by the schema', () => {
    const problems = validateSettingsFile({ dev: { app: 'a.js', http: 'api_gateway', domain: 'API.Example.com', certificate_arn: 'arn:aws:acm:eu-west-1:1:certificate/x' } }, 'shop');
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining(`key 'domain': got "API.Example.com", expected a lower-case domain name`), expect.stringContaining(`key 'certificate_arn': got`)]));
  });
});
