/**
 * Only a Function URL (invoke mode RESPONSE_STREAM) or InvokeWithResponseStream streams a
 * response; an API Gateway HTTP API calls the function with Invoke and answers once it has the
 * whole payload. https://docs.aws.amazon.com/lambda/latest/dg/configuration-response-streaming.html
 */
export function streamingProblems(stage: string, s: Record<string, unknown>): string[] {
  if (s.streaming !== true || s.http !== 'api_gateway') return [];
  return [
    `zap.json: stage '${stage}', key 'streaming': API Gateway HTTP APIs do not stream responses; ` +
      `set "http": "function_url" to stream, or remove "streaming"`,
  ];
}
