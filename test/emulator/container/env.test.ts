import { containerEnv, nodeArgs } from '../../../src/emulator/container/env';
import type { FunctionVersionSpec } from '../../../src/emulator/container/types';

const spec: FunctionVersionSpec = {
  functionName: 'f', functionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:f', version: '2', codeSha256: 'x',
  codeDir: '/code', handler: 'app.handler', runtime: 'nodejs24.x', memorySize: 512, timeoutSeconds: 3,
  environment: { GREETING: 'hi', AWS_REGION: 'mars-1', AWS_ENDPOINT_URL: 'http://own' }, region: 'eu-west-1',
  accountId: '111122223333', logGroup: '/aws/lambda/f',
};

const input = {
  spec, runtimeApi: '127.0.0.1:1234', logStream: 's', endpoint: 'http://127.0.0.1:4566', runtimeDir: '/rt',
  tmpDir: '/scratch/tmp', path: '/usr/bin',
};

test('sets what Lambda sets, and the function cannot override reserved names', () => {
  const env = containerEnv(input);
  expect(env).toMatchObject({
    _HANDLER: 'app.handler', AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x', AWS_LAMBDA_FUNCTION_NAME: 'f', AWS_LAMBDA_FUNCTION_VERSION: '2',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512', AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/f', AWS_LAMBDA_LOG_STREAM_NAME: 's',
    AWS_LAMBDA_RUNTIME_API: '127.0.0.1:1234', LAMBDA_TASK_ROOT: '/code', LAMBDA_RUNTIME_DIR: '/rt', TZ: ':UTC',
    AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_SESSION_TOKEN: 'test',
    NODE_PATH: '/rt/node_modules:/rt:/code', TMPDIR: '/scratch/tmp', PATH: '/usr/bin', GREETING: 'hi',
  });
  // Not reserved on Lambda: the function's own setting wins.
  expect(env.AWS_ENDPOINT_URL).toBe('http://own');
});

test('points the SDK at the emulator and leaks nothing from the parent', () => {
  process.env.NODE_OPTIONS = '--require /nowhere.js';
  process.env.NODE_EXTRA_CA_CERTS = '/ca.pem';
  try {
    const env = containerEnv({ ...input, spec: { ...spec, environment: {} } });
    expect(env.AWS_ENDPOINT_URL).toBe('http://127.0.0.1:4566');
    expect(env.NODE_OPTIONS).toBeUndefined();
    expect(env.NODE_EXTRA_CA_CERTS).toBeUndefined();
    expect(env.HOME).toBeUndefined();
  } finally {
    delete process.env.NODE_OPTIONS;
    delete process.env.NODE_EXTRA_CA_CERTS;
  }
});

test('heap bounded by memory size', () => {
  expect(nodeArgs(1024)).toEqual(['--max-old-space-size=921']);
  expect(nodeArgs(128)).toEqual(['--max-old-space-size=115']);
});
