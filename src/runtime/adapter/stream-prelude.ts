import type { OutgoingHttpHeaders } from 'node:http';

export interface StreamPrelude {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
}

/**
 * What Lambda's HTTP response prelude carries (awslambda.HttpResponseStream.from): the status,
 * one string per header (several values joined as HTTP joins them) and Set-Cookie as `cookies`,
 * which Function URLs turn back into one Set-Cookie header each, as in the buffered path.
 */
export function streamPrelude(statusCode: number, headers: OutgoingHttpHeaders): StreamPrelude {
  const out: Record<string, string> = {};
  let cookies: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    if (key === 'set-cookie') cookies = [value].flat().map(String);
    else out[key] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return { statusCode, headers: out, cookies };
}
