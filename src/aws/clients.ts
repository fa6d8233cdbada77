import { LambdaClient } from '@aws-sdk/client-lambda';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { SSMClient } from '@aws-sdk/client-ssm';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { ACMClient } from '@aws-sdk/client-acm';
import { UserError } from '../core/errors';
import { HOW_TO_SET_REGION, regionFromChain } from './region';

/** Every AWS client zap uses; the rest of zap is handed these and never imports the SDK. */
export interface AwsClients {
  region: string;
  lambda: LambdaClient;
  iam: IAMClient;
  sts: STSClient;
  events: EventBridgeClient;
  logs: CloudWatchLogsClient;
  /** API Gateway v2 (HTTP APIs), for `http: api_gateway`. */
  apigw: ApiGatewayV2Client;
  /** SSM and Secrets Manager: only to check that the secrets zap.json names exist. */
  ssm: SSMClient;
  secrets: SecretsManagerClient;
  /**
   * EC2, to check vpc_config's subnets and security groups before a deploy. Made on first use:
   * the EC2 client is the SDK's largest (over a second to load), and only a stage with a VPC needs it.
   */
  ec2(): Promise<EC2Client>;
  /** ACM, to check certificate_arn before a custom domain is made. */
  acm: ACMClient;
  destroy(): void;
}

export interface ClientOptions {
  region?: string;
  profile?: string;
  /** One endpoint for every service (the embedded emulator); otherwise the SDK's own chain, AWS_ENDPOINT_URL* included. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Print every AWS call on stderr. */
  verbose?: boolean;
}

/** The region asked for, else the SDK's own chain (AWS_REGION, then the profile's config file). */
async function resolveRegion(opts: ClientOptions): Promise<string> {
  if (opts.region) return opts.region;
  const found = await regionFromChain(opts.profile);
  if (!found) throw new UserError(`no AWS region: ${HOW_TO_SET_REGION}`, 2);
  return found.region;
}

/** Clients on the standard chain: profiles, AWS_REGION, AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>. */
export async function createClients(opts: ClientOptions): Promise<AwsClients> {
  const region = await resolveRegion(opts);
  const config = {
    region,
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    maxAttempts: 4,
  };
  const lambda = new LambdaClient(config);
  const iam = new IAMClient(config);
  const sts = new STSClient(config);
  const events = new EventBridgeClient(config);
  const logs = new CloudWatchLogsClient(config);
  const apigw = new ApiGatewayV2Client(config);
  const ssm = new SSMClient(config);
  const secrets = new SecretsManagerClient(config);
  const acm = new ACMClient(config);
  const all: (Parameters<typeof annotate>[0] & { destroy(): void })[] = [lambda, iam, sts, events, logs, apigw, ssm, secrets, acm];
  for (const client of all) annotate(client, opts.verbose ?? false);
  let ec2: Promise<EC2Client> | undefined;
  const lazyEc2 = () =>
    (ec2 ??= import('@aws-sdk/client-ec2').then(({ EC2Client }) => {
      const client = new EC2Client(config);
      annotate(client, opts.verbose ?? false);
      all.push(client);
      return client;
    }));
  return {
    region,
    lambda,
    iam,
    sts,
    events,
    logs,
    apigw,
    ssm,
    secrets,
    ec2: lazyEc2,
    acm,
    destroy: () => all.forEach((c) => c.destroy()),
  };
}

/** Failed calls carry their operation name, so an error message can say which call AWS refused. */
function annotate(client: { middlewareStack: { add: Function } }, verbose: boolean): void {
  client.middlewareStack.add(
    (next: (a: unknown) => Promise<unknown>, context: { commandName?: string; clientName?: string }) => async (args: unknown) => {
      const op = (context.commandName ?? 'call').replace(/Command$/, '');
      if (verbose) process.stderr.write(`aws: ${context.clientName?.replace(/Client$/, '') ?? ''} ${op}\n`);
      try {
        return await next(args);
      } catch (err) {
        if (err && typeof err === 'object') (err as { $zapOperation?: string }).$zapOperation = op;
        throw err;
      }
    },
    { step: 'initialize', name: 'zapOperationName' },
  );
}
