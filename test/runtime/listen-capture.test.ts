/**
 * The listen() capture on its own, in a fresh Node process (it patches net.Server for the whole
 * process): every form of listen() binds nothing, answers address() as Node would, calls back
 * asynchronously, and closes with its callback.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from '../helpers/artifact';

const CAPTURE = join(REPO, 'dist', 'runtime', 'capture.js');

/** Runs script after the capture is installed; its stdout lines, in order. */
function run(script: string): string[] {
  const out = execFileSync(process.execPath, ['-e', `require(${JSON.stringify(CAPTURE)});\n${script}`], { encoding: 'utf8', timeout: 10_000 });
  return out.trim().split('\n');
}

test('listen(port, host, cb), listen(options, cb), listen(cb), listen(path): nothing bound, address() as asked, callbacks after the call returns', () => {
  const lines = run(`
    const http = require('http');
    const net = require('net');
    const log = (...a) => console.log(a.join(' '));
    const a = http.createServer(() => {});
    const returned = a.listen(4321, '0.0.0.0', function () { log('a', this === a, JSON.stringify(a.address()), a.listening); });
    log('sync', returned === a, a.listening);
    const b = http.createServer(() => {}).listen({ port: 0 }, () => {});
    b.on('listening', () => log('b', JSON.stringify(b.address())));
    const c = net.createServer();
    c.listen(() => log('c', JSON.stringify(c.address())));
    const d = http.createServer().listen('/tmp/zap-never-bound.sock', () => log('d', d.address()));
    const e = require('https').createServer({}, () => {}).listen('8443', 'localhost', () => log('e', JSON.stringify(e.address())));
  `);
  expect(lines).toEqual([
    'sync true true',
    'a true {"address":"0.0.0.0","family":"IPv4","port":4321} true',
    'b {"address":"::","family":"IPv6","port":3000}',
    'c {"address":"::","family":"IPv6","port":3000}',
    'd /tmp/zap-never-bound.sock',
    'e {"address":"127.0.0.1","family":"IPv4","port":8443}',
  ]);
});

test('close(cb) calls back with no error, emits close, and the server stops listening; the process exits on its own', () => {
  const lines = run(`
    const s = require('http').createServer(() => {});
    s.on('close', () => console.log('close event'));
    s.listen(5000, () => s.close((err) => console.log('closed', err === undefined, s.listening, s.address())));
  `);
  expect(lines).toEqual(['close event', 'closed true false null']);
});

test('no listening socket exists in the process: a bound server would hold a TCPServerWrap', () => {
  const lines = run(`
    require('http').createServer(() => {}).listen(0, '127.0.0.1', () => {
      console.log(process.getActiveResourcesInfo().filter((r) => /TCP|Pipe/.test(r)).join(',') || 'none');
    });
  `);
  expect(lines).toEqual(['none']);
});

test("cluster: the process is its own worker 1, for require('cluster') and ESM named imports alike; no worker is forked", () => {
  const lines = run(`
    const cluster = require('node:cluster');
    console.log(cluster.isPrimary, cluster.isMaster, cluster.isWorker, cluster.worker.id, cluster.worker.process === process);
    import('node:cluster').then((m) => console.log(m.isPrimary, m.isWorker, m.default.worker.id));
    // Node's cluster example: each worker tells its primary of a request; no primary here, and no error.
    process.send({ cmd: 'notifyRequest' }, () => console.log('sent'));
  `);
  expect(lines).toEqual(['false false true 1 true', 'sent', 'false true 1']);
});
