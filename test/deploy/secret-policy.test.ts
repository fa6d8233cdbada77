import { configuredVariables, parseSecretRef, readSecretRefs, SECRETS_ENV } from '../../src/contracts/secrets';
import { parameterArn, secretArn, secretStatements } from '../../src/deploy/secret-policy';

const R = 'eu-west-1';
const A = '123456789012';

test('secret references leave the configuration as one reference list; plain values stay', () => {
  const vars = { NODE_ENV: 'production', DB: 'ssm:/prod/db', KEY: 'secretsmanager:prod/key', NOTE: 'ssm' };
  const configured = configuredVariables(vars);
  expect(configured).toEqual({ NODE_ENV: 'production', NOTE: 'ssm', [SECRETS_ENV]: JSON.stringify({ DB: 'ssm:/prod/db', KEY: 'secretsmanager:prod/key' }) });
  expect(readSecretRefs(configured[SECRETS_ENV])).toEqual({ DB: { source: 'ssm', id: '/prod/db' }, KEY: { source: 'secretsmanager', id: 'prod/key' } });
  expect(configuredVariables({ A: 'b' })).toEqual({ A: 'b' });
  expect(readSecretRefs('not json')).toEqual({});
  expect(parseSecretRef('ssm:')).toBeUndefined();
});

test('parameter ARNs keep a hierarchical name\'s slash; secret names get AWS\'s six-character wildcard', () => {
  expect(parameterArn('/prod/db/password', R, A)).toBe(`arn:aws:ssm:${R}:${A}:parameter/prod/db/password`);
  expect(parameterArn('plain', R, A)).toBe(`arn:aws:ssm:${R}:${A}:parameter/plain`);
  expect(secretArn('prod/key', R, A)).toBe(`arn:aws:secretsmanager:${R}:${A}:secret:prod/key-??????`);
  const full = `arn:aws:secretsmanager:${R}:${A}:secret:prod/key-AbC123`;
  expect(secretArn(full, R, A)).toBe(full);
  expect(secretArn(`arn:aws:secretsmanager:${R}:${A}:secret:prod/key`, R, A)).toBe(`arn:aws:secretsmanager:${R}:${A}:secret:prod/key-??????`);
});

test('the role gets one statement per service, on exactly the named secrets, and none without secrets', () => {
  expect(secretStatements({ A: 'b' }, R, A)).toEqual([]);
  expect(secretStatements({ X: 'ssm:/b', Y: 'ssm:/a', Z: 'ssm:/a', K: 'secretsmanager:k' }, R, A)).toEqual([
    { Sid: 'SecretsParameters', Effect: 'Allow', Action: 'ssm:GetParameters', Resource: [`arn:aws:ssm:${R}:${A}:parameter/a`, `arn:aws:ssm:${R}:${A}:parameter/b`] },
    { Sid: 'SecretsManager', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [`arn:aws:secretsmanager:${R}:${A}:secret:k-??????`] },
  ]);
});
