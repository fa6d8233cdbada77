// Pure pieces of the API Gateway (HTTP API) entry: request parameters and the checks on what exists.
import type { ApiWiring } from '../aws/apigateway';
import type { Names } from '../contracts/names';

/** The stage and route an HTTP API's quick create makes: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop.html#http-api-examples.cli.quick-create */
export const DEFAULT_KEY = '$default';

/** The SourceArn of the Lambda permission: any stage, any route of this API. */
export function apiSourceArn(region: string, account: string, apiId: string): string {
  return `arn:aws:execute-api:${region}:${account}:${apiId}/*/*`;
}

/** "Quick create": Target makes the AWS_PROXY integration (payload 2.0), the $default route and the auto-deployed $default stage. */
export function createApiInput(n: Names, aliasArn: string, tags: Record<string, string>) {
  return { Name: n.function, ProtocolType: 'HTTP' as const, Target: aliasArn, Description: `zap: ${n.project} ${n.stage}`, Tags: tags };
}

/** How an API differs from what quick create made for this alias; empty when it serves the alias as zap wants. */
export function wiringProblems(w: ApiWiring, aliasArn: string): string[] {
  const problems: string[] = [];
  const route = w.routes.find((r) => r.RouteKey === DEFAULT_KEY);
  const integrationId = /^integrations\/(.+)$/.exec(route?.Target ?? '')?.[1];
  const integration = w.integrations.find((i) => i.IntegrationId === integrationId);
  if (!route) problems.push('no $default route');
  else if (!integration) problems.push('the $default route has no integration');
  else {
    if (integration.IntegrationType !== 'AWS_PROXY') problems.push(`integration type ${integration.IntegrationType}`);
    if (integration.IntegrationUri !== aliasArn) problems.push(`integration target ${integration.IntegrationUri}`);
    if (integration.PayloadFormatVersion !== '2.0') problems.push(`payload format ${integration.PayloadFormatVersion}`);
  }
  const stage = w.stages.find((s) => s.StageName === DEFAULT_KEY);
  if (!stage) problems.push('no $default stage');
  else if (!stage.AutoDeploy) problems.push('the $default stage does not auto-deploy');
  return problems;
}
