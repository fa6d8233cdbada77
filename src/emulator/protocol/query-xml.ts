import { AwsError } from '../errors';
import type { HttpReply } from '../http';

/** Query-protocol params (form body or query string) as a flat map. */
export function parseQueryParams(body: Buffer, search: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = Object.fromEntries(search.entries());
  const text = body.toString('utf8');
  if (text.length > 0) {
    if (!/^[^=&]*=/.test(text)) throw new AwsError('MalformedQueryString', 'The request body is not a valid query string', 400);
    for (const [k, v] of new URLSearchParams(text)) out[k] = v;
  }
  return out;
}

/** `Tags.member.1.Key` … → [{Key, Value}]; `TagKeys.member.1` … → ['a']. */
export function queryList(params: Record<string, string>, name: string): any[] {
  const items: any[] = [];
  const re = new RegExp(`^${name}\\.member\\.(\\d+)(?:\\.(.+))?$`);
  for (const [k, v] of Object.entries(params)) {
    const m = re.exec(k);
    if (!m) continue;
    const i = Number(m[1]) - 1;
    if (m[2]) items[i] = { ...(items[i] ?? {}), [m[2]]: v };
    else items[i] = v;
  }
  return items.filter((x) => x !== undefined);
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** Serialises a value the way query services do: arrays as <member>, dates as ISO 8601. */
export function toXml(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => `<member>${toXml(v)}</member>`).join('');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${toXml(v)}</${k}>`)
      .join('');
  }
  return escapeXml(String(value));
}

export function queryReply(action: string, xmlns: string, result: unknown, requestId: string): HttpReply {
  const inner = result === undefined ? '' : `<${action}Result>${toXml(result)}</${action}Result>`;
  const body =
    `<${action}Response xmlns="${xmlns}">${inner}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
  return { status: 200, headers: { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId }, body };
}

/** https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html */
export function queryError(err: AwsError, requestId: string): HttpReply {
  const body =
    `<ErrorResponse><Error><Type>${err.isServerFault ? 'Receiver' : 'Sender'}</Type>` +
    `<Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status: err.status, headers: { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId }, body };
}

/** Which query service a request is for: the SigV4 credential scope names it. */
export function queryService(authorization: string | undefined, action: string | undefined): 'iam' | 'sts' | 'ec2' {
  const m = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(authorization ?? '');
  if (m) return m[1] === 'sts' ? 'sts' : m[1] === 'ec2' ? 'ec2' : 'iam';
  if (action && /^(Describe(Vpcs|Subnets|SecurityGroups)|Create(Vpc|Subnet|SecurityGroup))$/.test(action)) return 'ec2';
  return action && /^(GetCallerIdentity|AssumeRole|GetSessionToken|GetAccessKeyInfo)/.test(action) ? 'sts' : 'iam';
}
