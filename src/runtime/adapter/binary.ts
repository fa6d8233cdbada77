/** Media types whose bodies are bytes, not text: answered base64-encoded so API Gateway, Function URLs and ALB pass them intact. */
const BINARY_TYPES = [
  /^image\//,
  /^audio\//,
  /^video\//,
  /^font\//,
  /^application\/(octet-stream|pdf|zip|gzip|x-gzip|x-tar|wasm|x-protobuf|protobuf|vnd\.ms-fontobject)$/,
];

function headerValue(value: unknown): string {
  if (Array.isArray(value)) return String(value[0] ?? '');
  return typeof value === 'string' ? value : '';
}

/** Any content-encoding but identity means compressed bytes; gzip in a utf8 string would be mangled. */
export function isBinaryResponse({ headers }: { headers: Record<string, unknown> }): boolean {
  const encoding = headerValue(headers['content-encoding']).trim().toLowerCase();
  if (encoding && encoding !== 'identity') return true;
  const type = headerValue(headers['content-type']).split(';')[0]!.trim().toLowerCase();
  return BINARY_TYPES.some((re) => re.test(type));
}
