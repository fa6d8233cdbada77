// ACM (JSON 1.1, X-Amz-Target CertificateManager.*): certificates the emulator issues at once, since
// there is no DNS to validate against. https://docs.aws.amazon.com/acm/latest/APIReference/Welcome.html
import { randomUUID } from 'node:crypto';
import type { Ctx } from '../context';
import { AwsError } from '../errors';
import type { CertificateRecord, EmulatorData } from '../model';

type Operation = (input: Record<string, any>, ctx: Ctx, data: EmulatorData) => unknown;

// https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html (DomainName 1..253, optional leading "*.")
const DOMAIN = /^(\*\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])$/;
const ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/;

const invalid = (message: string) => new AwsError('ValidationException', message);

/** The certificate with this ARN, or ACM's errors for a malformed or unknown one. */
export function certificateOf(data: EmulatorData, arn: unknown): CertificateRecord {
  if (typeof arn !== 'string' || !ARN.test(arn)) throw new AwsError('InvalidArnException', `String '${String(arn)}' is not a valid ARN.`);
  const cert = data.certificates[arn];
  if (!cert) throw new AwsError('ResourceNotFoundException', `Could not find certificate ${arn}.`);
  return cert;
}

const seconds = (ms: number) => ms / 1000;

function describe(data: EmulatorData, cert: CertificateRecord) {
  const inUseBy = Object.values(data.domains).filter((d) => d.certificateArn === cert.arn).map((d) => d.arn);
  return {
    CertificateArn: cert.arn, DomainName: cert.domainName, SubjectAlternativeNames: cert.names, Status: 'ISSUED', Type: 'AMAZON_ISSUED',
    CreatedAt: seconds(cert.createdAt), IssuedAt: seconds(cert.createdAt), NotBefore: seconds(cert.createdAt), NotAfter: seconds(cert.createdAt + 395 * 86400_000),
    KeyAlgorithm: 'RSA_2048', SignatureAlgorithm: 'SHA256WITHRSA', InUseBy: inUseBy, RenewalEligibility: inUseBy.length ? 'ELIGIBLE' : 'INELIGIBLE',
    DomainValidationOptions: cert.names.map((n) => ({ DomainName: n, ValidationDomain: n.replace(/^\*\./, ''), ValidationStatus: 'SUCCESS', ValidationMethod: 'DNS' })),
  };
}

const OPERATIONS: Record<string, Operation> = {
  RequestCertificate(input, ctx, data) {
    const domain = input.DomainName;
    if (typeof domain !== 'string' || domain.length > 253 || !DOMAIN.test(domain)) throw invalid(`1 validation error detected: Value '${String(domain)}' at 'domainName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${DOMAIN.source}`);
    const sans: unknown[] = input.SubjectAlternativeNames ?? [];
    const bad = sans.find((n) => typeof n !== 'string' || !DOMAIN.test(n));
    if (bad !== undefined) throw invalid(`1 validation error detected: Value '${String(bad)}' at 'subjectAlternativeNames' failed to satisfy constraint: Member must satisfy regular expression pattern`);
    const arn = `arn:aws:acm:${ctx.region}:${ctx.accountId}:certificate/${randomUUID()}`;
    data.certificates[arn] = { arn, domainName: domain, names: [...new Set([domain, ...(sans as string[])])], createdAt: ctx.now(), tags: input.Tags ?? [] };
    return { CertificateArn: arn };
  },
  DescribeCertificate: (input, _ctx, data) => ({ Certificate: describe(data, certificateOf(data, input.CertificateArn)) }),
  ListCertificates(input, _ctx, data) {
    const statuses: string[] | undefined = input.CertificateStatuses;
    const all = statuses && !statuses.includes('ISSUED') ? [] : Object.values(data.certificates);
    return { CertificateSummaryList: all.map((c) => ({ CertificateArn: c.arn, DomainName: c.domainName, Status: 'ISSUED', Type: 'AMAZON_ISSUED' })) };
  },
  DeleteCertificate(input, _ctx, data) {
    const cert = certificateOf(data, input.CertificateArn);
    if (describe(data, cert).InUseBy.length) throw new AwsError('ResourceInUseException', `Certificate ${cert.arn} in account is in use.`);
    delete data.certificates[cert.arn];
    return {};
  },
};

export function acmOperation(name: string): Operation | undefined {
  return Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name] : undefined;
}
