import type { AwsClients } from './clients';
import { isNotFound } from './errors';

export interface CertificateState {
  arn: string;
  /** PENDING_VALIDATION, ISSUED, INACTIVE, EXPIRED, VALIDATION_TIMED_OUT, REVOKED or FAILED. */
  status: string;
  /** The domain and the alternative names it covers (wildcards as "*.example.com"). */
  names: string[];
}

/** The certificate, or undefined when ACM has none with that ARN. */
export async function describeCertificate(c: AwsClients, arn: string): Promise<CertificateState | undefined> {
  const [acm, { DescribeCertificateCommand }] = await Promise.all([c.acm(), import('@aws-sdk/client-acm')]);
  try {
    const { Certificate } = await acm.send(new DescribeCertificateCommand({ CertificateArn: arn }));
    const names = [Certificate?.DomainName, ...(Certificate?.SubjectAlternativeNames ?? [])].filter((x): x is string => !!x);
    return { arn, status: Certificate?.Status ?? 'UNKNOWN', names: [...new Set(names)] };
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}
