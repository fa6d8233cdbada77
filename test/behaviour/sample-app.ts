/**
 * What a user of sample-app checks, written once and run against every target: the built artifact
 * in-process (via Function URL events) and, later, the deployed function over real HTTP.
 */
import { createHash } from 'node:crypto';

export interface SampleResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", " (Set-Cookie is in `cookies`). */
  headers: Record<string, string>;
  /** Every Set-Cookie value, in order. */
  cookies: string[];
  body: Buffer;
}

export interface SampleClient {
  request(method: string, path: string, init?: { headers?: Record<string, string>; body?: string | Buffer }): Promise<SampleResponse>;
  close?(): Promise<void>;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const json = (r: SampleResponse) => JSON.parse(r.body.toString('utf8'));

export function describeSampleApp(name: string, makeClient: () => Promise<SampleClient>): void {
  describe(`sample-app behaviour: ${name}`, () => {
    let client: SampleClient;
    beforeAll(async () => {
      client = await makeClient();
    });
    afterAll(async () => {
      await client?.close?.();
    });

    test('GET / answers 200 HTML', async () => {
      const r = await client.request('GET', '/');
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expect(r.body.toString()).toContain('Hello from zap-sample-app');
    });

    test('GET /users/:id?fields= filters a JSON record by path parameter and query', async () => {
      const r = await client.request('GET', '/users/42?fields=name,email');
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      expect(json(r)).toEqual({ id: '42', name: 'Grace Hopper', email: 'grace@example.com' });
      expect((await client.request('GET', '/users/7')).status).toBe(404);
    });

    test('repeated and encoded query parameters arrive as Express parses them', async () => {
      const r = await client.request('GET', '/query?tag=a&tag=b&q=hello%20world&empty=');
      expect(json(r).query).toEqual({ tag: ['a', 'b'], q: 'hello world', empty: '' });
    });

    test('POST JSON is echoed with 201', async () => {
      const body = JSON.stringify({ name: 'zap', nested: { n: 1, list: [1, 2] }, unicode: 'ünï — 日本' });
      const r = await client.request('POST', '/echo', { headers: { 'content-type': 'application/json' }, body });
      expect(r.status).toBe(201);
      expect(json(r)).toEqual({ received: JSON.parse(body), contentType: 'application/json' });
    });

    test('a binary request body arrives byte for byte', async () => {
      const bytes = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7) % 256));
      const r = await client.request('POST', '/upload', { headers: { 'content-type': 'application/octet-stream' }, body: bytes });
      expect(r.status).toBe(200);
      expect(json(r)).toEqual({ bytes: 512, sha256: createHash('sha256').update(bytes).digest('hex') });
    });

    test('a PNG answer arrives byte for byte', async () => {
      const r = await client.request('GET', '/logo.png');
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('image/png');
      expect(r.body.subarray(0, 8)).toEqual(PNG_SIGNATURE);
      expect(r.body.length).toBe(94);
    });

    test('cookies sent are read, and several Set-Cookie headers all arrive', async () => {
      const read = await client.request('GET', '/cookies', { headers: { cookie: 'a=1; b=two%20words' } });
      expect(json(read)).toEqual({ cookies: { a: '1', b: 'two words' } });
      const set = await client.request('POST', '/login');
      expect(set.status).toBe(200);
      expect(set.cookies).toHaveLength(2);
      expect(set.cookies[0]).toMatch(/^session=abc123; Path=\/; HttpOnly/);
      expect(set.cookies[1]).toMatch(/^theme=dark; Path=\//);
    });

    test('a view from an included folder renders', async () => {
      const r = await client.request('GET', '/about');
      expect(r.status).toBe(200);
      expect(r.body.toString()).toContain('<h1>About zap-sample-app</h1>');
    });

    test('a static file from an included folder is served', async () => {
      const r = await client.request('GET', '/static/hello.txt');
      expect(r.status).toBe(200);
      expect(r.body.toString()).toBe('zap sample static file\n');
    });

    test("an error in a route answers the app's own 500 JSON", async () => {
      const r = await client.request('GET', '/boom');
      expect(r.status).toBe(500);
      expect(json(r)).toEqual({ error: 'boom' });
    });

    test("an unmatched route answers Express's own 404, not 500", async () => {
      const get = await client.request('GET', '/no/such/page');
      expect(get.status).toBe(404);
      expect(get.body.toString()).toContain('Cannot GET /no/such/page');
      const del = await client.request('DELETE', '/users/1');
      expect(del.status).toBe(404);
    });
  });
}
