// EC2's flavour of the query protocol: no <…Result> wrapper, lower-camel names, lists as <item>,
// and errors as <Response><Errors>: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/query-api-troubleshooting.html
import type { AwsError } from '../errors';
import type { HttpReply } from '../http';

export const EC2_XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function toEc2Xml(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => `<item>${toEc2Xml(v)}</item>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${toEc2Xml(v)}</${k}>`)
      .join('');
  }
  return escapeXml(String(value));
}

export function ec2Reply(action: string, result: Record<string, unknown>, requestId: string): HttpReply {
  const body = `<?xml version="1.0" encoding="UTF-8"?><${action}Response xmlns="${EC2_XMLNS}"><requestId>${requestId}</requestId>${toEc2Xml(result)}</${action}Response>`;
  return { status: 200, headers: { 'Content-Type': 'text/xml;charset=UTF-8' }, body };
}

export function ec2Error(err: AwsError, requestId: string): HttpReply {
  const body = `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`;
  return { status: err.status, headers: { 'Content-Type': 'text/xml;charset=UTF-8' }, body };
}

/** `SubnetId.1`, `SubnetId.2` … → ['…', '…'] (EC2 numbers list members without ".member"). */
export function ec2List(params: Record<string, string>, name: string): string[] {
  const re = new RegExp(`^${name}\\.(\\d+)$`);
  return Object.entries(params)
    .map(([k, v]) => [re.exec(k), v] as const)
    .filter(([m]) => m)
    .sort(([a], [b]) => Number(a![1]) - Number(b![1]))
    .map(([, v]) => v);
}

/** `Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-…` → { 'vpc-id': ['vpc-…'] }. */
export function ec2Filters(params: Record<string, string>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, name] of Object.entries(params)) {
    const m = /^Filter\.(\d+)\.Name$/.exec(k);
    if (m) out[name] = ec2List(params, `Filter\\.${m[1]}\\.Value`);
  }
  return out;
}
