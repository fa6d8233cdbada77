// A loopback server standing in for every AWS endpoint while a file's tests run: a command that
// must refuse its input before any AWS call leaves `requests` empty.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Registers beforeAll/afterAll in the calling scope; returns the requests the server saw. */
export function awsTripwire(): string[] {
  let server: Server;
  const requests: string[] = [];
  const saved = process.env.AWS_ENDPOINT_URL;
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(500).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    process.env.AWS_ENDPOINT_URL = saved;
    await new Promise((r) => server.close(r));
  });
  return requests;
}
