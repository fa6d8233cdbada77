/**
 * Only a Function URL (invoke mode RESPONSE_STREAM) or InvokeWithResponseStream streams a
 * response; an API Gateway HTTP API calls the function with Invoke and answers once it has the
 * whole payload. And a Function URL does not stream for a function in a VPC ("VPC compatibility
 * with response streaming"): https://docs.aws.amazon.com/lambda/latest/dg/configuration-response-streaming.html
 */
export function streamingProblems(stage: string, s: Record<string, unknown>): string[] {
  if (s.streaming !== true) return [];
  const key = `zap.json: stage '${stage}', key 'streaming'`;
  if (s.http === 'api_gateway') {
    return [`${key}: API Gateway HTTP APIs do not stream responses; set "http": "function_url" to stream, or remove "streaming"`];
  }
  if (s.vpc_config !== undefined && s.http !== 'none') {
    return [`${key}: Lambda Function URLs do not stream responses for a function in a VPC; remove "vpc_config" or "streaming"`];
  }
  return [];
}
