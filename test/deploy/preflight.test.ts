// The preflight's answers to what ACM and EC2 say, with the two services stood in by their answers.
import type { AwsClients } from '../../src/aws/clients';
import { createReporter } from '../../src/core/output';
import { preflight } from '../../src/deploy/preflight';
import { withDefaults } from '../../src/settings';

const ARN = 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-0000-4000-8000-000000000000';
const report = createReporter({ json: true });
const settings = (extra: Record<string, unknown>) => withDefaults({ stage: 'prod', project_name: 'shop', app: 'a.js', http: 'api_gateway', ...extra });

/** ACM answering DescribeCertificate with this certificate (or ResourceNotFoundException when none). */
function acmWith(cert?: Record<string, unknown>): AwsClients {
  const send = async () => {
    if (!cert) throw Object.assign(new Error('Could not find certificate'), { name: 'ResourceNotFoundException' });
    return { Certificate: cert };
  };
  return { region: 'eu-west-1', acm: async () => ({ send }) } as unknown as AwsClients;
}

test('an ISSUED certificate that covers the domain passes', async () => {
  const out = await preflight(acmWith({ Status: 'ISSUED', DomainName: 'example.com', SubjectAlternativeNames: ['*.example.com'] }), settings({ domain: 'api.example.com', certificate_arn: ARN }), report);
  expect(out.certificate).toBe(ARN);
});

test.each([
  ['a certificate still being validated', { Status: 'PENDING_VALIDATION', DomainName: 'api.example.com' }, 'the certificate is PENDING_VALIDATION, expected ISSUED; finish its validation in ACM'],
  ['a certificate for other names', { Status: 'ISSUED', DomainName: 'www.example.com' }, 'the certificate covers www.example.com, not api.example.com'],
  ['no certificate at all', undefined, `ACM has no certificate ${ARN} in eu-west-1`],
])('%s is refused with exit code 2, naming certificate_arn', async (_what, cert, message) => {
  await expect(preflight(acmWith(cert), settings({ domain: 'api.example.com', certificate_arn: ARN }), report)).rejects.toMatchObject({
    exitCode: 2,
    message: expect.stringContaining(`zap.json: stage 'prod', key 'certificate_arn': ${message}`),
  });
});

test('a certificate of another region is refused before ACM is asked', async () => {
  const clients = { region: 'us-east-1', acm: async () => ({ send: () => Promise.reject(new Error('ACM asked')) }) } as unknown as AwsClients;
  await expect(preflight(clients, settings({ domain: 'api.example.com', certificate_arn: ARN }), report)).rejects.toThrow('the certificate is in eu-west-1, but a regional API Gateway domain needs one in us-east-1');
});
