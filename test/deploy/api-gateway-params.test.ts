import { apiSourceArn, createApiInput, wiringProblems } from '../../src/deploy/api-gateway-params';
import { apiUrl, pickApi } from '../../src/aws/apigateway';
import { namesFor } from '../../src/contracts/names';

const n = namesFor({ project_name: 'shop', stage: 'dev' });
const ALIAS = 'arn:aws:lambda:eu-west-1:123456789012:function:shop-dev:live';

test('quick create input: named like the function, HTTP, targeting the alias, tagged', () => {
  expect(createApiInput(n, ALIAS, { 'zap:project': 'shop', team: 'a' })).toEqual({
    Name: 'shop-dev', ProtocolType: 'HTTP', Target: ALIAS, Description: 'zap: shop dev', Tags: { 'zap:project': 'shop', team: 'a' },
  });
});

test('the permission is for any stage and route of this API only', () => {
  expect(apiSourceArn('eu-west-1', '123456789012', 'a1b2c3d4e5')).toBe('arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/*/*');
});

test('the URL is the endpoint with a trailing slash', () => {
  expect(apiUrl('https://x.execute-api.eu-west-1.amazonaws.com')).toBe('https://x.execute-api.eu-west-1.amazonaws.com/');
  expect(apiUrl('http://127.0.0.1:5/')).toBe('http://127.0.0.1:5/');
});

test('pickApi: the API tagged for this project and stage is zap\'s; others of that name are foreign', () => {
  const mine = { apiId: 'm', name: 'shop-dev', endpoint: '', tags: { 'zap:project': 'shop', 'zap:stage': 'dev' } };
  const prod = { apiId: 'p', name: 'shop-dev', endpoint: '', tags: { 'zap:project': 'shop', 'zap:stage': 'prod' } };
  const bare = { apiId: 'b', name: 'shop-dev', endpoint: '', tags: {} };
  expect(pickApi([bare, mine, prod], n)).toEqual({ owned: mine, foreign: [bare, prod] });
  expect(pickApi([], n)).toEqual({ owned: undefined, foreign: [] });
});

describe('wiringProblems', () => {
  const wiring = () => ({
    integrations: [{ IntegrationId: 'i1', IntegrationType: 'AWS_PROXY' as const, IntegrationUri: ALIAS, PayloadFormatVersion: '2.0' }],
    routes: [{ RouteId: 'r1', RouteKey: '$default', Target: 'integrations/i1' }],
    stages: [{ StageName: '$default', AutoDeploy: true }],
  });

  test('none for what quick create made', () => {
    expect(wiringProblems(wiring(), ALIAS)).toEqual([]);
  });

  test('each difference is named', () => {
    const w = wiring();
    w.integrations[0].IntegrationUri = 'arn:aws:lambda:eu-west-1:123456789012:function:other';
    w.integrations[0].PayloadFormatVersion = '1.0';
    w.stages[0].AutoDeploy = false;
    expect(wiringProblems(w, ALIAS)).toEqual([
      'integration target arn:aws:lambda:eu-west-1:123456789012:function:other', 'payload format 1.0', 'the $default stage does not auto-deploy',
    ]);
    expect(wiringProblems({ ...wiring(), routes: [] }, ALIAS)).toEqual(['no $default route']);
    expect(wiringProblems({ ...wiring(), integrations: [] }, ALIAS)).toEqual(['the $default route has no integration']);
    expect(wiringProblems({ ...wiring(), stages: [] }, ALIAS)).toEqual(['no $default stage']);
  });
});
