// What each deploy step decides from its own comparison (no AWS involved).
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { withDefaults } from '../../src/settings';
import { codeSha256, functionConfig } from '../../src/deploy/desired';
import { namesFor } from '../../src/contracts/names';
import { functionChanges } from '../../src/deploy/steps/function';
import { compileCacheDecision, usableFile } from '../../src/deploy/steps/compile-cache';
import { encodeCacheFile } from '../../src/contracts/compile-cache-format';
import type { CompileCacheAnswer } from '../../src/contracts/compile-cache';

const settings = withDefaults({ stage: 'dev', project_name: 'shop', app: 'src/app.ts#app' });
const wanted = functionConfig(settings, namesFor(settings), 'arn:aws:iam::123456789012:role/shop-dev-role');
const sha = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const deployed: FunctionConfiguration = { ...(wanted as FunctionConfiguration), CodeSha256: codeSha256(sha) };

describe('the function step', () => {
  test('the same zip, architecture and settings: nothing to change', () => {
    expect(functionChanges(deployed, wanted, sha)).toEqual({ code: false, config: [] });
  });

  test('another zip, or another architecture, is a code change', () => {
    expect(functionChanges(deployed, wanted, '00'.repeat(32)).code).toBe(true);
    expect(functionChanges({ ...deployed, Architectures: ['x86_64'] }, wanted, sha)).toEqual({ code: true, config: [] });
    // Lambda leaves Architectures out for x86_64 functions made long ago.
    expect(functionChanges({ ...deployed, Architectures: undefined }, { ...wanted, Architectures: ['x86_64'] }, sha).code).toBe(false);
  });

  test('a setting that differs is a configuration change, named by field', () => {
    expect(functionChanges({ ...deployed, MemorySize: 1024 }, wanted, sha)).toEqual({ code: false, config: ['MemorySize: 1024 → 512'] });
  });
});

describe('the compile-cache step', () => {
  const latest: FunctionConfiguration = { RuntimeVersionConfig: { RuntimeVersionArn: 'arn:rt:1' } };
  const base = { enabled: true, plan: false, packaged: { runtimeVersionArn: 'arn:rt:1' }, latest, codeChanged: false, refresh: false } as const;

  test('a packaged cache confirmed on the runtime $LATEST runs, with unchanged code, is kept without asking', () => {
    expect(compileCacheDecision(base)).toBe('keep');
  });

  test('new code, a runtime update, no packaged cache, or zap update: $LATEST is asked', () => {
    expect(compileCacheDecision({ ...base, codeChanged: true })).toBe('ask');
    expect(compileCacheDecision({ ...base, latest: { RuntimeVersionConfig: { RuntimeVersionArn: 'arn:rt:2' } } })).toBe('ask');
    expect(compileCacheDecision({ ...base, packaged: false })).toBe('ask');
    expect(compileCacheDecision({ ...base, refresh: true })).toBe('ask');
  });

  test('off, plan mode and a function not made yet never invoke anything', () => {
    expect(compileCacheDecision({ ...base, enabled: false, refresh: true })).toBe('off');
    expect(compileCacheDecision({ ...base, plan: true, codeChanged: true })).toBe('plan-check');
    expect(compileCacheDecision({ ...base, plan: true, packaged: false })).toBe('plan-make');
    expect(compileCacheDecision({ ...base, latest: undefined })).toBe('no-function');
  });

  const answer = (a: Partial<CompileCacheAnswer>): CompileCacheAnswer => ({ zap: 'compile_cache', compile_cache: 'miss', runtime: { node: 'v24.1.0', arch: 'arm64', v8: '13' }, ...a });

  test("$LATEST's answer gives a cache file only when it is whole", () => {
    const header = { node: 'v24.1.0', arch: 'arm64', v8: '13', bundle: 'app.js', source_sha256: sha, source_bytes: 1, source_crc32: 0 };
    const file = encodeCacheFile(header, Buffer.from('cache'));
    expect(usableFile(answer({ file: file.toString('base64') }))).toMatchObject({ bytes: file, header: { node: 'v24.1.0', data_bytes: 5 } });
    expect(usableFile(answer({ file: file.subarray(0, file.length - 1).toString('base64') }))).toMatch(/^the cache \$LATEST made is unusable: /);
    expect(usableFile(answer({}))).toBe('$LATEST answered no cache');
    expect(usableFile(answer({ compile_cache: 'off' }))).toBe('$LATEST has ZAP_COMPILE_CACHE off');
    expect(usableFile(answer({ app_error: 'boom' }))).toBe('the app failed to boot in $LATEST: boom');
    expect(usableFile(answer({ skipped: 'no bundle' }))).toBe('no bundle');
  });
});
