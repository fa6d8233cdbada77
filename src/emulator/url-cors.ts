// Function URL CORS: Lambda answers preflights itself and adds the CORS headers to responses.
// https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html#urls-cors

import type { IncomingHttpHeaders } from 'node:http';

export interface CorsConfig {
  AllowOrigins?: string[];
  AllowMethods?: string[];
  AllowHeaders?: string[];
  ExposeHeaders?: string[];
  MaxAge?: number;
  AllowCredentials?: boolean;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function originAllowed(cors: CorsConfig, origin: string): string | undefined {
  const origins = cors.AllowOrigins ?? [];
  if (origins.includes('*')) return cors.AllowCredentials ? origin : '*';
  return origins.includes(origin) ? origin : undefined;
}

export function isPreflight(method: string, headers: IncomingHttpHeaders): boolean {
  return method === 'OPTIONS' && !!one(headers.origin) && !!one(headers['access-control-request-method']);
}

/** The CORS headers for a request, or none when CORS is off or the origin is not allowed. */
export function corsHeaders(cors: CorsConfig | undefined, method: string, headers: IncomingHttpHeaders): Record<string, string> {
  const origin = one(headers.origin);
  if (!cors || !origin) return {};
  const allowed = originAllowed(cors, origin);
  if (!allowed) return {};
  const out: Record<string, string> = { 'access-control-allow-origin': allowed };
  if (cors.AllowCredentials) out['access-control-allow-credentials'] = 'true';
  if (isPreflight(method, headers)) {
    if (cors.AllowMethods?.length) out['access-control-allow-methods'] = cors.AllowMethods.join(',');
    if (cors.AllowHeaders?.length) out['access-control-allow-headers'] = cors.AllowHeaders.join(',');
    if (cors.MaxAge !== undefined) out['access-control-max-age'] = String(cors.MaxAge);
  } else if (cors.ExposeHeaders?.length) {
    out['access-control-expose-headers'] = cors.ExposeHeaders.join(',');
  }
  return out;
}
