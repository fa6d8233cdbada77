/** The stage lock against the emulator, in this process: who wins a race, the heartbeat, release. */
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { createClients, type AwsClients } from '../../src/aws/clients';
import { namesFor } from '../../src/contracts/names';
import { acquireLock, readLock } from '../../src/deploy/lock';
import { startEmulator, type Emulator } from '../../src/emulator';

let emulator: Emulator;
let clients: AwsClients;
const names = namesFor({ project_name: 'locks', stage: 'dev' });
const lines: string[] = [];
const opts = { waitSeconds: 0, noWait: true, forceUnlock: false, say: (l: string) => lines.push(l) };

beforeAll(async () => {
  emulator = await startEmulator({ region: 'eu-west-1' });
  clients = await createClients({ region: 'eu-west-1', endpoint: emulator.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});
afterAll(async () => {
  clients.destroy();
  await emulator.close();
});

test('ten callers at once: exactly one holds the lock, the nine others are refused with exit 3 naming it', async () => {
  const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => acquireLock(clients, names, opts)));
  const held = outcomes.filter((o) => o.status === 'fulfilled');
  const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
  expect(held).toHaveLength(1);
  expect(refused).toHaveLength(9);
  for (const r of refused) expect(r.reason).toMatchObject({ exitCode: 3, message: expect.stringMatching(/locked by another deploy: .*\/\d+ \(host\/user\/pid\)/) });
  await (held[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireLock>>>).value.release();
  expect(await readLock(clients, names)).toBeUndefined();
});

test('the holder\'s heartbeat pushes the expiry on, so a running deploy\'s lock never goes stale', async () => {
  const lock = await acquireLock(clients, names, { ...opts, ttlSeconds: 0.6 });
  const first = lock.info.expires;
  await new Promise((r) => setTimeout(r, 900));
  const now = await readLock(clients, names);
  expect(Date.parse(now!.expires)).toBeGreaterThan(Date.parse(first));
  expect(Date.parse(now!.expires)).toBeGreaterThan(Date.now());
  await lock.release();
});

test('release removes only its own lock: after a --force-unlock the new holder keeps theirs', async () => {
  const a = await acquireLock(clients, names, opts);
  const b = await acquireLock(clients, names, { ...opts, forceUnlock: true });
  expect(lines.pop()).toMatch(/^removed the lock of .* \(--force-unlock\)$/);
  await a.release();
  expect((await readLock(clients, names))?.id).toBe(b.info.id);
  await b.release();
  expect(await readLock(clients, names)).toBeUndefined();
});

test('ten callers at once on an expired lock: one takes it over, the others are refused, none deletes the winner\'s', async () => {
  // What a deployer killed 20 minutes ago leaves behind.
  const expired = { 'zap:lock-id': 'dead', 'zap:lock-holder': 'ci/dead/1', 'zap:lock-started': '2020-01-01T00:00:00.000Z', 'zap:lock-expires': '2020-01-01T00:15:00.000Z' };
  await clients.logs.send(new CreateLogGroupCommand({ logGroupName: names.lockGroup, tags: expired }));
  const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => acquireLock(clients, names, opts)));
  const held = outcomes.filter((o): o is PromiseFulfilledResult<Awaited<ReturnType<typeof acquireLock>>> => o.status === 'fulfilled');
  expect(held).toHaveLength(1);
  expect((await readLock(clients, names))?.id).toBe(held[0].value.info.id);
  await held[0].value.release();
});
