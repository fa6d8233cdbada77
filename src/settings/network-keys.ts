/**
 * zap.json keys for an app in production: its VPC, X-Ray tracing, extra IAM statements and a custom
 * domain. Spelled as Zappa spells them; AWS's own rules on each are checked in network-rules.ts.
 */
const idList = (pattern: string, max: number) => ({ type: 'array', items: { type: 'string', pattern }, minItems: 1, maxItems: max }) as const;

// https://docs.aws.amazon.com/lambda/latest/api/API_VpcConfig.html: at most 16 subnets and 5 security groups.
export const SUBNET_ID = '^subnet-[0-9a-f]{8}([0-9a-f]{9})?$';
export const SECURITY_GROUP_ID = '^sg-[0-9a-f]{8}([0-9a-f]{9})?$';
export const MAX_SUBNETS = 16;
export const MAX_SECURITY_GROUPS = 5;

const stringOrList = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }] } as const;

export const NETWORK_KEYS = {
  vpc_config: {
    description: 'Attach the function to a VPC (e.g. to reach a database): {"SubnetIds": [...], "SecurityGroupIds": [...]}, all in one VPC. Remove the key to detach it.',
    schema: {
      type: 'object',
      properties: { SubnetIds: idList(SUBNET_ID, MAX_SUBNETS), SecurityGroupIds: idList(SECURITY_GROUP_ID, MAX_SECURITY_GROUPS) },
      required: ['SubnetIds', 'SecurityGroupIds'],
      additionalProperties: false,
    },
    expected: `{"SubnetIds": ["subnet-…"] (1..${MAX_SUBNETS}), "SecurityGroupIds": ["sg-…"] (1..${MAX_SECURITY_GROUPS})}`,
  },
  xray_tracing: { description: 'Active AWS X-Ray tracing, and the role\'s permission to send traces.', schema: { type: 'boolean' }, expected: 'true or false' },
  extra_permissions: {
    description: 'IAM statements added to the function role\'s policy, e.g. [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::my-bucket/*"}].',
    schema: {
      type: 'array',
      items: {
        type: 'object',
        properties: { Sid: { type: 'string' }, Effect: { enum: ['Allow', 'Deny'] }, Action: stringOrList, Resource: stringOrList, Condition: { type: 'object', additionalProperties: { type: 'object' } } },
        required: ['Effect', 'Action', 'Resource'],
        additionalProperties: false,
      },
    },
    expected: 'a list of IAM statements {"Effect": "Allow"|"Deny", "Action": "service:Action" or a list of them, "Resource": an ARN or a list, optional "Condition"}',
  },
  domain: {
    description: 'A custom domain for the HTTP API (needs "http": "api_gateway" and certificate_arn), e.g. "api.example.com".',
    schema: { type: 'string', pattern: '^(?=.{1,253}$)(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$' },
    expected: 'a lower-case domain name such as "api.example.com"',
  },
  certificate_arn: {
    description: 'The ACM certificate for `domain`, ISSUED, in the function\'s region.',
    schema: { type: 'string', pattern: '^arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[A-Za-z0-9-]+$' },
    expected: 'an ACM certificate ARN such as "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-…"',
  },
} as const;
