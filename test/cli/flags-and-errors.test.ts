/** Bad flag values, settings with no stage, and errors at the root: one line each, in-process. */
import { IAMServiceException } from '@aws-sdk/client-iam';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportError } from '../../src/cli/main';
import { runZapInProcess } from '../helpers/cli-in-process';

const emptyDir = () => mkdtempSync(join(tmpdir(), 'zap-flags-'));

describe('a bad flag value is one line and exit 2', () => {
  test.each([
    [['local', '--port', 'abc'], `zap: option '--port <port>' argument 'abc' is invalid. Expected a whole number from 0 to 65535.`],
    [['local', '--port', '70000'], `zap: option '--port <port>' argument '70000' is invalid. Expected a whole number from 0 to 65535.`],
    [['local', '--port', '80.5'], `zap: option '--port <port>' argument '80.5' is invalid. Expected a whole number from 0 to 65535.`],
    [['local', '--time-scale', '0'], `zap: option '--time-scale <n>' argument '0' is invalid. Expected a number above 0, e.g. 1 or 0.5.`],
    [['local', '--idle-ttl', 'soon'], `zap: option '--idle-ttl <seconds>' argument 'soon' is invalid. Expected a number of seconds, 0 or more.`],
    [['emulator', '--port', ''], `zap: option '--port <port>' argument '' is invalid. Expected a whole number from 0 to 65535.`],
  ])('zap %j', async (args, line) => {
    const res = await runZapInProcess(args, emptyDir());
    expect(res.code).toBe(2);
    expect(res.stderr).toBe(`${line}\n`);
  });

  test('a usage mistake that is not a value still shows the help', async () => {
    const res = await runZapInProcess(['local', '--prot', '1'], emptyDir());
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/unknown option '--prot'[\s\S]*Usage: zap local/);
  });
});

describe('a zap.json with no stage is one clear line, exit 2', () => {
  test.each([
    ['{}', `zap: zap.json: no stages; add one, e.g. {"dev": {"app": "src/app.ts#app"}} (\`zap init\` writes one)`],
    ['{"$schema": "./zap.schema.json"}', `zap: zap.json: no stages; add one, e.g. {"dev": {"app": "src/app.ts#app"}} (\`zap init\` writes one)`],
    ['[]', `zap: zap.json: got a list, expected an object with one entry per stage, e.g. {"dev": {"app": "src/app.ts#app"}}`],
    ['null', `zap: zap.json: got null, expected an object with one entry per stage, e.g. {"dev": {"app": "src/app.ts#app"}}`],
    ['"dev"', `zap: zap.json: got a string, expected an object with one entry per stage, e.g. {"dev": {"app": "src/app.ts#app"}}`],
  ])('%s', async (text, line) => {
    const dir = emptyDir();
    writeFileSync(join(dir, 'zap.json'), text);
    for (const args of [['deploy'], ['deploy', 'dev'], ['status']]) {
      const res = await runZapInProcess(args, dir);
      expect(res.code).toBe(2);
      expect(res.stderr).toBe(`${line}\n`);
    }
  });
});

describe('errors at the root', () => {
  function report(err: unknown, verbose: boolean): { code: number; stderr: string } {
    let stderr = '';
    const write = process.stderr.write;
    process.stderr.write = ((c: string) => ((stderr += c), true)) as typeof process.stderr.write;
    try {
      return { code: reportError(err, verbose), stderr };
    } finally {
      process.stderr.write = write;
    }
  }

  const iamError = () =>
    Object.assign(new IAMServiceException({ name: 'ValidationError', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: "1 validation error detected: Value 'x y' at 'roleName' failed to satisfy constraint" }), { $zapOperation: 'CreateRole' });

  test('an AWS error zap has no rule for is one line: the call, the code, the message and what to try', () => {
    const { code, stderr } = report(iamError(), false);
    expect(code).toBe(1);
    expect(stderr).toBe("zap: AWS CreateRole failed: ValidationError: 1 validation error detected: Value 'x y' at 'roleName' failed to satisfy constraint; AWS refused a value zap sent: check that stage in zap.json, run again with --verbose to see each call, and report it if zap should have caught it first\n");
  });

  test('a fault on AWS side says to run again', () => {
    const err = Object.assign(new IAMServiceException({ name: 'ServiceFailure', $fault: 'server', $metadata: { httpStatusCode: 500 }, message: 'Internal' }), { $zapOperation: 'GetRole' });
    expect(report(err, false).stderr).toMatch(/^zap: AWS GetRole failed: ServiceFailure: Internal; a passing fault .* run the same command again/);
  });

  test('--verbose adds the stack of the AWS error', () => {
    const { stderr } = report(iamError(), true);
    expect(stderr.split('\n')[0]).toMatch(/^zap: AWS CreateRole failed: ValidationError/);
    expect(stderr).toMatch(/\n\s+at /);
  });

  test('an exception that is not a service error is a bug: one line, the stack only with --verbose', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'Arn')");
    const quiet = report(bug, false);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toBe("zap: unexpected error (a bug in zap; please report it): Cannot read properties of undefined (reading 'Arn') (run again with --verbose for the stack trace)\n");
    const loud = report(bug, true);
    expect(loud.stderr).toMatch(/^zap: unexpected error \(a bug in zap; please report it\): Cannot read/);
    expect(loud.stderr).toMatch(/\n\s+at /);
  });

  test('an error named like AWS but without the service shape is still a bug', () => {
    const fake = Object.assign(new Error('boom'), { name: 'ValidationException' });
    expect(report(fake, false).stderr).toMatch(/a bug in zap/);
  });
});
