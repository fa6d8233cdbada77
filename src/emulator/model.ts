// The emulator's whole state: plain JSON, so persisting it is one JSON.stringify.
import type { NetworkData } from './ec2/network';

/** One version of a function: $LATEST (mutable) or a published one (frozen). */
export interface FnVersion {
  version: string;
  handler: string;
  runtime: string;
  role: string;
  description: string;
  timeout: number;
  memorySize: number;
  environment: Record<string, string>;
  architectures: string[];
  ephemeralStorage: number;
  codeSha256: string;
  codeSize: number;
  /** File name of the zip under the code store (its sha256 in hex). */
  codeKey: string;
  lastModified: number;
  revisionId: string;
  /** Pending until this time (creation / publishing). */
  activeAt: number;
  /** LastUpdateStatus InProgress until this time. */
  updatedAt: number;
  lastUpdateKind?: 'create' | 'update';
  /** Lambda's VpcConfig; absent for a function never attached, empty lists once detached. */
  vpc?: { subnetIds: string[]; securityGroupIds: string[]; vpcId: string };
  /** TracingConfig Mode; PassThrough when absent. */
  tracing?: 'Active' | 'PassThrough';
}

export interface AliasRecord {
  name: string;
  functionVersion: string;
  description: string;
  revisionId: string;
  routingConfig?: { AdditionalVersionWeights?: Record<string, number> };
}

export interface UrlRecord {
  qualifier: string;
  authType: 'NONE' | 'AWS_IAM';
  cors?: Record<string, unknown>;
  invokeMode: string;
  port: number;
  creationTime: number;
  lastModifiedTime: number;
}

export interface FnRecord {
  name: string;
  createdAt: number;
  latest: FnVersion;
  versions: Record<string, FnVersion>;
  nextVersion: number;
  aliases: Record<string, AliasRecord>;
  /** Resource policy statements per qualifier ('' = the unqualified function). */
  policies: Record<string, Record<string, any>[]>;
  policyRevision: Record<string, string>;
  urls: Record<string, UrlRecord>;
  reservedConcurrency?: number;
  tags: Record<string, string>;
}

export interface RoleRecord {
  name: string;
  id: string;
  path: string;
  createdAt: number;
  assumeRolePolicy: string;
  description?: string;
  maxSessionDuration: number;
  tags: { Key: string; Value: string }[];
  inline: Record<string, string>;
  attached: string[];
}

export interface TargetRecord {
  Id: string;
  Arn: string;
  Input?: string;
  InputPath?: string;
  RoleArn?: string;
}

export interface RuleRecord {
  name: string;
  scheduleExpression?: string;
  eventPattern?: string;
  state: 'ENABLED' | 'DISABLED';
  description?: string;
  roleArn?: string;
  /** When the schedule was (re)started, for rate() phase. */
  since: number;
  targets: TargetRecord[];
  tags: { Key: string; Value: string }[];
}

export interface LogEventRecord {
  timestamp: number;
  message: string;
  ingestionTime: number;
  eventId: string;
}

export interface LogStreamRecord {
  name: string;
  createdAt: number;
  events: LogEventRecord[];
}

export interface LogGroupRecord {
  name: string;
  createdAt: number;
  retentionInDays?: number;
  tags: Record<string, string>;
  streams: Record<string, LogStreamRecord>;
}

/** An API Gateway v2 HTTP API, as quick create makes it (plus what CreateApi was given). */
export interface ApiRecord {
  apiId: string;
  name: string;
  protocolType: 'HTTP';
  description?: string;
  createdAt: number;
  /** The 127.0.0.1 port its endpoint listens on. */
  port: number;
  tags: Record<string, string>;
  integrations: IntegrationRecord[];
  routes: ApiRouteRecord[];
  stages: StageRecord[];
}

export interface IntegrationRecord {
  integrationId: string;
  integrationType: 'AWS_PROXY';
  /** A Lambda function ARN (optionally qualified), or API Gateway's …/functions/<arn>/invocations form. */
  integrationUri: string;
  integrationMethod: string;
  payloadFormatVersion: string;
  timeoutInMillis: number;
  connectionType: string;
}

export interface ApiRouteRecord {
  routeId: string;
  routeKey: string;
  /** integrations/<integrationId> */
  target?: string;
}

export interface StageRecord {
  stageName: string;
  autoDeploy: boolean;
  createdAt: number;
}

/** An SSM parameter (src/emulator/secrets/ssm.ts). */
export interface ParameterRecord {
  name: string;
  type: 'String' | 'StringList' | 'SecureString';
  value: string;
  version: number;
  lastModified: number;
  description?: string;
  keyId?: string;
}

/** A Secrets Manager secret (src/emulator/secrets/secrets-manager.ts). */
export interface SecretRecord {
  name: string;
  arn: string;
  value?: string;
  versionId: string;
  createdAt: number;
  changedAt: number;
  description?: string;
  /** Scheduled for deletion (DeleteSecret without ForceDeleteWithoutRecovery). */
  deletedAt?: number;
  tags: { Key: string; Value: string }[];
}

/** An ACM certificate: issued at once in the emulator (src/emulator/acm/certificates.ts). */
export interface CertificateRecord {
  arn: string;
  domainName: string;
  names: string[];
  createdAt: number;
  tags: { Key: string; Value?: string }[];
}

/** An API Gateway v2 custom domain name (src/emulator/apigateway/domains.ts). */
export interface DomainRecord {
  domainName: string;
  arn: string;
  certificateArn: string;
  securityPolicy: string;
  /** d-<id>.execute-api.<region>.amazonaws.com: where the DNS record points. */
  apiGatewayDomainName: string;
  tags: Record<string, string>;
  mappings: MappingRecord[];
}

export interface MappingRecord {
  apiMappingId: string;
  apiId: string;
  stage: string;
  apiMappingKey: string;
}

export interface EmulatorData {
  functions: Record<string, FnRecord>;
  roles: Record<string, RoleRecord>;
  rules: Record<string, RuleRecord>;
  logGroups: Record<string, LogGroupRecord>;
  /** Counter behind stable, unique log event ids. */
  logSeq: number;
  /** API Gateway v2 APIs by id. */
  apis: Record<string, ApiRecord>;
  /** SSM parameters by name and Secrets Manager secrets by name (absent in state saved before they existed). */
  parameters?: Record<string, ParameterRecord>;
  secrets?: Record<string, SecretRecord>;
  /** EC2: the default VPC made at start (src/emulator/ec2/network.ts) and any a caller added. */
  network?: NetworkData;
  /** ACM certificates by ARN. */
  certificates: Record<string, CertificateRecord>;
  /** API Gateway v2 custom domain names by name, with their API mappings. */
  domains: Record<string, DomainRecord>;
}

export const emptyData = (): EmulatorData => ({ functions: {}, roles: {}, rules: {}, logGroups: {}, logSeq: 0, apis: {}, certificates: {}, domains: {} });
