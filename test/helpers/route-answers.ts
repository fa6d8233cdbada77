import { createHash } from 'node:crypto';
import type { FixtureRoute } from '../fixtures/routes';

/**
 * What a deployed app must reproduce: status, type, the headers a user acts on, and the body's digest.
 * Left out on purpose, as they differ between any two runs: Date, ETag and Last-Modified (static
 * files' validators embed the file's mtime), Set-Cookie values and expiry, Connection/Keep-Alive.
 */
export interface Answer {
  route: string;
  status: number;
  type: string;
  disposition?: string;
  location?: string;
  cacheControl?: string;
  /** Set-Cookie without its value and Expires, e.g. "connect.sid; Path=/; HttpOnly". */
  cookies?: string[];
  digest: string;
  /** The body's start, so that a mismatch reads as text ("Failed to lookup view …"), not as two hashes. */
  excerpt: string;
}

function requestInit(route: FixtureRoute): RequestInit {
  if (route.json !== undefined) return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(route.json) };
  if (route.form) return { body: new URLSearchParams(route.form) };
  if (route.file) {
    const form = new FormData();
    form.append(route.file.field, new Blob([new Uint8Array(route.file.content)], { type: route.file.type }), route.file.name);
    return { body: form };
  }
  return {};
}

const TEXT = /^(text\/|application\/(json|javascript|xml))/;

/** One request to the app and its recorded answer; the whole body too, for checks of what it contains. */
export async function requestRoute(baseUrl: string, route: FixtureRoute): Promise<{ answer: Answer; body: Buffer }> {
  const method = route.method ?? (route.json !== undefined || route.form || route.file ? 'POST' : 'GET');
  const res = await fetch(new URL(route.path, baseUrl), { method, redirect: 'manual', signal: AbortSignal.timeout(30_000), ...requestInit(route) });
  const body = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  const header = (name: string) => res.headers.get(name) ?? undefined;
  const cookies = res.headers.getSetCookie().map((c) => c.replace(/=[^;]*/, '').replace(/;\s*Expires=[^;]*/i, ''));
  const answer: Answer = {
    route: `${method} ${route.path}`,
    status: res.status,
    type,
    ...(header('content-disposition') && { disposition: header('content-disposition') }),
    ...(header('location') && { location: header('location') }),
    ...(header('cache-control') && { cacheControl: header('cache-control') }),
    ...(cookies.length > 0 && { cookies }),
    digest: createHash('sha256').update(body).digest('hex').slice(0, 16),
    excerpt: TEXT.test(type) ? body.toString('utf8').replace(/\s+/g, ' ').trim().slice(0, 160) : `<${body.length} bytes>`,
  };
  return { answer, body };
}

/** Requests each route in order (later ones may change the app's state) and records the answers. */
export async function requestRoutes(baseUrl: string, routes: FixtureRoute[]): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const route of routes) answers.push((await requestRoute(baseUrl, route)).answer);
  return answers;
}

