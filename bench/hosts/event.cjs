// Real-shaped events for bench hosts: a Function URL GET (payload 2.0) and zap's warm ping.
exports.functionUrlGet = (path, query = '') => ({
  version: '2.0',
  routeKey: '$default',
  rawPath: path,
  rawQueryString: query,
  headers: { host: 'abc.lambda-url.us-east-1.on.aws', accept: 'application/json', 'user-agent': 'zap-bench' },
  requestContext: {
    accountId: 'anonymous', apiId: 'abc', domainName: 'abc.lambda-url.us-east-1.on.aws', domainPrefix: 'abc',
    http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'zap-bench' },
    requestId: 'bench', routeKey: '$default', stage: '$default', time: '01/Jan/2026:00:00:00 +0000', timeEpoch: 0,
  },
  isBase64Encoded: false,
});

exports.warmPing = () => ({ zap: 'keep_warm', concurrency: 1 });

exports.context = () => ({
  awsRequestId: 'bench-' + process.pid,
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:bench:live',
  functionName: 'bench',
  getRemainingTimeInMillis: () => 30000,
  callbackWaitsForEmptyEventLoop: true,
});
