// Copying the whole environment (nconf's env(), a spread, Object.entries) reads every variable the shell
// set; those reads name none, so only the variables the app reads by name are reported.
import { recordEnv } from '../../src/package/env-hint';

const shell = () => recordEnv({ PIP_CERT: '/etc/ssl', PYENV_ROOT: '/root/.pyenv', DB_HOST: 'localhost', API_KEY: 'k', _: '/usr/bin/node' }, []);

test("nconf's env(): Object.keys(process.env).forEach(key => copy[key] = process.env[key]) names no variable", () => {
  const env = shell();
  const copy: Record<string, string | undefined> = {};
  Object.keys(env.proxy).forEach((key) => (copy[key.toLowerCase()] = env.proxy[key]));
  expect(copy.db_host).toBe('localhost');
  expect([...env.shell]).toEqual([]);
});

test('a spread and Object.entries name no variable; a read by name after them does', () => {
  const env = shell();
  const spread = { ...env.proxy };
  const entries = Object.entries(env.proxy);
  expect(spread.API_KEY).toBe('k');
  expect(entries).toHaveLength(5);
  void env.proxy.DB_HOST;
  expect([...env.shell]).toEqual(['DB_HOST']);
});

test("reads by name in an order of their own are all reported, and the shell's `_` never is", () => {
  const env = shell();
  void Object.keys(env.proxy);
  void env.proxy.API_KEY, env.proxy.DB_HOST, env.proxy._;
  expect([...env.shell].sort()).toEqual(['API_KEY', 'DB_HOST']);
});

test("a listing used only to filter (debug's DEBUG_* scan), then a read by name of the first key: still reported", () => {
  const env = shell();
  void Object.keys(env.proxy).filter((k) => /^debug_/i.test(k));
  void env.proxy.PIP_CERT, env.proxy.API_KEY;
  expect([...env.shell].sort()).toEqual(['API_KEY', 'PIP_CERT']);
});
