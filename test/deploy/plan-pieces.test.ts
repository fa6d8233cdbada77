import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { withDefaults } from '../../src/settings';
import { configDifferences, functionConfig, keepWarmEvent, rolePolicy, sameDeployable, codeSha256 } from '../../src/deploy/desired';
import { isOwnedBy, namesFor, ownershipTags } from '../../src/contracts/names';
import { versionsToPrune } from '../../src/deploy/steps/prune';
import { rollbackTarget } from '../../src/deploy/rollback';
import { aliasDescription, previousVersionOf } from '../../src/deploy/steps/alias';
import { functionUrlEvent, httpResultOf } from '../../src/deploy/http-event';

const settings = withDefaults({ stage: 'dev', project_name: 'shop', app: 'src/app.ts#app', keep_warm: 3, environment_variables: { NODE_ENV: 'production' } });
const names = namesFor(settings);

describe('what deploy asks AWS for', () => {
  test('names come from <project>-<stage>', () => {
    expect(names).toMatchObject({ function: 'shop-dev', role: 'shop-dev-role', rule: 'shop-dev-keep-warm', logGroup: '/aws/lambda/shop-dev' });
  });

  test('the role may log and invoke its own function only', () => {
    const policy = rolePolicy(names, 'eu-west-1', '123456789012') as { Statement: { Action: unknown; Resource: string[] }[] };
    const invoke = policy.Statement.find((s) => s.Action === 'lambda:InvokeFunction')!;
    expect(invoke.Resource).toEqual(['arn:aws:lambda:eu-west-1:123456789012:function:shop-dev', 'arn:aws:lambda:eu-west-1:123456789012:function:shop-dev:*']);
    expect(JSON.stringify(policy)).not.toContain('"*"');
  });

  test('the function configuration carries the settings and the handler switches', () => {
    const cfg = functionConfig(settings, names, 'arn:aws:iam::123456789012:role/shop-dev-role');
    expect(cfg).toMatchObject({ FunctionName: 'shop-dev', Runtime: 'nodejs24.x', Handler: 'index.handler', MemorySize: 512, Timeout: 30, Architectures: ['arm64'] });
    expect(cfg.Environment!.Variables).toEqual({ NODE_ENV: 'production', ZAP_KEEP_WARM_PRIME: 'true', ZAP_COMPILE_CACHE: 'on' });
  });

  test('configuration differences name the fields, ignoring variable order', () => {
    const wanted = functionConfig(settings, names, 'role') as FunctionConfiguration;
    const current: FunctionConfiguration = { ...wanted, Environment: { Variables: { ZAP_COMPILE_CACHE: 'on', ZAP_KEEP_WARM_PRIME: 'true', NODE_ENV: 'production' } } };
    expect(configDifferences(current, wanted as never)).toEqual([]);
    expect(configDifferences({ ...current, MemorySize: 1024 }, wanted as never)).toEqual(['MemorySize: 1024 → 512']);
    expect(sameDeployable({ ...current, CodeSha256: 'a' }, { ...wanted, CodeSha256: 'a' })).toBe(true);
    expect(sameDeployable({ ...current, CodeSha256: 'a' }, { ...wanted, CodeSha256: 'b' })).toBe(false);
    expect(sameDeployable({ ...current, CodeSha256: 'a', Description: 'zap deploy at noon' }, { ...wanted, CodeSha256: 'a' })).toBe(true);
  });

  test('the keep-warm input is the event docs/architecture.md fixes (src/contracts/keep-warm.ts)', () => {
    expect(keepWarmEvent(3)).toEqual({ zap: 'keep_warm', concurrency: 3 });
  });

  test("Lambda's CodeSha256 is the base64 of the zip's sha256", () => {
    expect(codeSha256('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
  });

  test('only resources tagged for this project and stage are ours', () => {
    expect(isOwnedBy(ownershipTags(names), names)).toBe(true);
    expect(isOwnedBy({ 'zap:project': 'shop', 'zap:stage': 'prod' }, names)).toBe(false);
    expect(isOwnedBy(undefined, names)).toBe(false);
  });
});

describe('versions', () => {
  test('pruning keeps the newest N, the live one and its previous', () => {
    expect(versionsToPrune(['1', '2', '3', '4', '5', '6', '7'], 3, ['2', undefined])).toEqual(['4', '3', '1']);
    expect(versionsToPrune(['1', '2', '3'], 5, ['3'])).toEqual([]);
    expect(versionsToPrune(['8', '9', '10', '11'], 2, ['8'])).toEqual(['9']);
  });

  test('rollback goes to the version live pointed to before, else the newest older one', () => {
    expect(rollbackTarget('5', ['3', '4', '5'], '3')).toBe('3');
    expect(rollbackTarget('5', ['3', '4', '5'], undefined)).toBe('4');
    expect(rollbackTarget('5', ['3', '4', '5'], '9')).toBe('4');
    expect(rollbackTarget('3', ['3', '4', '5'], undefined)).toBeUndefined();
    expect(rollbackTarget('5', ['3', '4', '5'], '4', '3')).toBe('3');
    expect(rollbackTarget('5', ['3', '4', '5'], '4', '1')).toBeUndefined();
  });

  test('the alias description remembers the previous version', () => {
    expect(previousVersionOf(aliasDescription('12'))).toBe('12');
    expect(previousVersionOf(aliasDescription(undefined))).toBeUndefined();
  });
});

describe('zap invoke --path', () => {
  test('builds the Function URL event a real request would', () => {
    const e = functionUrlEvent({ method: 'post', path: '/users/42?fields=name&x=1&x=2', headers: { Cookie: 'a=1; b=2', 'Content-Type': 'application/json' }, body: '{"a":1}' }) as any;
    expect(e).toMatchObject({ version: '2.0', rawPath: '/users/42', rawQueryString: 'fields=name&x=1&x=2', cookies: ['a=1', 'b=2'], queryStringParameters: { fields: 'name', x: '1,2' }, isBase64Encoded: false, body: '{"a":1}' });
    expect(e.requestContext.http.method).toBe('POST');
    const png = functionUrlEvent({ method: 'POST', path: '/upload', headers: { 'content-type': 'image/png' }, body: 'bytes' }) as any;
    expect(png).toMatchObject({ isBase64Encoded: true, body: Buffer.from('bytes').toString('base64') });
    expect(e.headers.cookie).toBeUndefined();
  });

  test('reads structured and bare results as AWS does', () => {
    expect(httpResultOf(JSON.stringify({ statusCode: 201, body: 'aGk=', isBase64Encoded: true, cookies: ['a=1'] }))).toMatchObject({ status: 201, cookies: ['a=1'], body: Buffer.from('hi') });
    expect(httpResultOf('{"hello":1}')).toMatchObject({ status: 200, body: Buffer.from('{"hello":1}') });
  });
});
