import { LambdaClient } from '@aws-sdk/client-lambda';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ACMClient } from '@aws-sdk/client-acm';
import { UserError } from '../core/errors';
import { HOW_TO_SET_REGION, regionFromChain } from './region';

/**
 * Every AWS client zap uses; the rest of zap is handed these and never imports the SDK. Each client
 * is made on first use, so a command pays only for the services it calls (making one resolves its
 * whole configuration chain).
 */
export interface AwsClients {
  readonly region: string;
  readonly lambda: LambdaClient;
  readonly iam: IAMClient;
  readonly sts: STSClient;
  readonly events: EventBridgeClient;
  readonly logs: CloudWatchLogsClient;
  /** API Gateway v2 (HTTP APIs), for `http: api_gateway`. */
  readonly apigw: ApiGatewayV2Client;
  /**
   * The clients only some stages need are loaded on first use, with their commands: loading a client's
   * package costs 60–160 ms of CPU (EC2's over a second), and most deploys call none of these.
   * SSM and Secrets Manager: only to check that the secrets zap.json names exist.
   */
  ssm(): Promise<SSMClient>;
  secrets(): Promise<SecretsManagerClient>;
  /** EC2, to check vpc_config's subnets and security groups before a deploy. */
  ec2(): Promise<EC2Client>;
  /** ACM, to check certificate_arn before a custom domain is made. */
  acm(): Promise<ACMClient>;
  /** Closes the clients made so far. */
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
  /** Told of every AWS call as it starts, named as --verbose names it: "Lambda GetFunction". */
  onCall?: (call: string) => void;
}

/** The region asked for, else the SDK's own chain (AWS_REGION, then the profile's config file). */
async function resolveRegion(opts: ClientOptions): Promise<string> {
  if (opts.region) return opts.region;
  const found = await regionFromChain(opts.profile);
  if (!found) throw new UserError(`no AWS region: ${HOW_TO_SET_REGION}`, 2);
  return found.region;
}

type Client = Parameters<typeof annotate>[0] & { destroy(): void };

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
  const made = new Map<Function, Client>();
  const client = <C extends Client>(Make: new (c: typeof config) => C): C => {
    let found = made.get(Make) as C | undefined;
    if (!found) {
      found = new Make(config);
      annotate(found, opts);
      made.set(Make, found);
    }
    return found;
  };
  const later = new Map<string, Promise<Client>>();
  /** A client whose package is imported on first use, once. */
  const loaded = <C extends Client>(name: string, load: () => Promise<new (c: typeof config) => C>): Promise<C> => {
    if (!later.has(name)) later.set(name, load().then((Make) => client(Make)));
    return later.get(name) as Promise<C>;
  };
  return {
    region,
    get lambda() { return client(LambdaClient); },
    get iam() { return client(IAMClient); },
    get sts() { return client(STSClient); },
    get events() { return client(EventBridgeClient); },
    get logs() { return client(CloudWatchLogsClient); },
    get apigw() { return client(ApiGatewayV2Client); },
    ssm: () => loaded('ssm', async () => (await import('@aws-sdk/client-ssm')).SSMClient),
    secrets: () => loaded('secrets', async () => (await import('@aws-sdk/client-secrets-manager')).SecretsManagerClient),
    ec2: () => loaded('ec2', async () => (await import('@aws-sdk/client-ec2')).EC2Client),
    acm: () => loaded('acm', async () => (await import('@aws-sdk/client-acm')).ACMClient),
    destroy: () => made.forEach((c) => c.destroy()),
  };
}

/** Failed calls carry their operation name, so an error message can say which call AWS refused. */
function annotate(client: { middlewareStack: { add: Function } }, opts: Pick<ClientOptions, 'verbose' | 'onCall'>): void {
  client.middlewareStack.add(
    (next: (a: unknown) => Promise<unknown>, context: { commandName?: string; clientName?: string }) => async (args: unknown) => {
      const op = (context.commandName ?? 'call').replace(/Command$/, '');
      const call = `${context.clientName?.replace(/Client$/, '') ?? ''} ${op}`;
      opts.onCall?.(call);
      if (opts.verbose) process.stderr.write(`aws: ${call}\n`);
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
