// A native addon built for the packaging machine's CPU (x86_64) fails to load on arm64 Lambda, and one
// built on a newer Linux than Lambda's fails for want of its glibc, while the emulator, on the host, loads
// both: packaging reads the .node files' ELF headers and the library versions they link against, and stops first.
import { addonArchitecture, checkAddons } from '../../src/package/native-arch';
import { addonAbi, addonAbiError } from '../../src/package/native-abi';

/**
 * A 64-bit little-endian ELF shared object for the given e_machine, followed by its dynamic string
 * table as the linker writes it: the libraries it needs, then the symbol versions it needs from them.
 */
function elf(machine: number, dynstr = 'libstdc++.so.6\0libc.so.6\0GLIBCXX_3.4\0GLIBCXX_3.4.21\0GLIBC_2.2.5\0GLIBC_2.14\0'): Buffer {
  const b = Buffer.alloc(64);
  b.write('\u007fELF', 0, 'latin1');
  b[4] = 2; // 64-bit
  b[5] = 1; // little-endian
  b.writeUInt16LE(3, 16); // ET_DYN
  b.writeUInt16LE(machine, 18);
  return Buffer.concat([b, Buffer.from(dynstr, 'latin1')]);
}
const X64 = elf(62);
const ARM64 = elf(183);
const nativeArchError = (entries: Map<string, Buffer>, settings: Parameters<typeof checkAddons>[1]) => checkAddons(entries, settings).error;
const MACHO = Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), Buffer.alloc(60)]);

test('the CPU each .node file is for, from its header', () => {
  expect(addonArchitecture(X64)).toBe('x86_64');
  expect(addonArchitecture(ARM64)).toBe('arm64');
  expect(addonArchitecture(MACHO)).toBe('other');
  expect(addonArchitecture(Buffer.from('\u007fELF not really'))).toBeUndefined();
});

test('sqlite3 built from source on x86_64, function on arm64: exit 2 naming the file and both fixes', () => {
  const entries = new Map([['node_modules/sqlite3/build/Release/node_sqlite3.node', X64], ['node_modules/sqlite3/lib/sqlite3.js', Buffer.from('')]]);
  const err = nativeArchError(entries, { architecture: 'arm64', stage: 'dev' });
  expect(err).toMatchObject({ exitCode: 2 });
  expect(err!.message).toBe(
    `"sqlite3" ships node_modules/sqlite3/build/Release/node_sqlite3.node, built for Linux x86_64, and the function runs on Linux arm64 (stage 'dev'): it would fail to load on Lambda. ` +
      `Set "architecture": "x86_64" in zap.json if that is the CPU it was built for, or install it on Linux arm64 (npm ci in a linux/arm64 build image such as public.ecr.aws/sam/build-nodejs24.x) before packaging`,
  );
  expect(nativeArchError(entries, { architecture: 'x86_64', stage: 'dev' })).toBeUndefined();
});

test("prebuilds for several platforms (better-sqlite3's prebuilds/) pass when one fits; macOS-only and unreadable files are not judged", () => {
  const prebuilds = new Map([
    ['node_modules/better-sqlite3/prebuilds/darwin-arm64.node', MACHO],
    ['node_modules/better-sqlite3/prebuilds/linux-x64.node', X64],
    ['node_modules/better-sqlite3/prebuilds/linux-arm64.node', ARM64],
  ]);
  expect(nativeArchError(prebuilds, { architecture: 'arm64', stage: 'dev' })).toBeUndefined();
  // macOS-only addons (fsevents, which chokidar loads in a try) may never load on Linux: the warning stays theirs.
  expect(nativeArchError(new Map([['node_modules/fsevents/fsevents.node', MACHO]]), { architecture: 'arm64', stage: 'dev' })).toBeUndefined();
  const macAndX64 = new Map([['node_modules/sqlite3/build/Release/a.node', X64], ['node_modules/sqlite3/build/Release/b.node', MACHO]]);
  expect(nativeArchError(macAndX64, { architecture: 'arm64', stage: 'dev' })?.message).toMatch(/^"sqlite3" ships node_modules\/sqlite3\/build\/Release\/a\.node and 1 more \.node files, built for Linux x86_64, another platform, and the function runs on Linux arm64/);
  expect(nativeArchError(new Map([['node_modules/x/a.node', Buffer.from('\u007fELF not really')]]), { architecture: 'arm64', stage: 'dev' })).toBeUndefined();
});

test("bcrypt 6's prebuilds (glibc and musl builds for each Linux CPU, macOS, Windows) fit: no error and no warning", () => {
  const MUSL_X64 = elf(62, 'libstdc++.so.6\0libgcc_s.so.1\0libc.musl-x86_64.so.1\0');
  const prebuilds = new Map([
    ['node_modules/bcrypt/prebuilds/linux-x64/bcrypt.glibc.node', X64],
    ['node_modules/bcrypt/prebuilds/linux-x64/bcrypt.musl.node', MUSL_X64],
    ['node_modules/bcrypt/prebuilds/linux-arm64/bcrypt.glibc.node', ARM64],
    ['node_modules/bcrypt/prebuilds/darwin-arm64/bcrypt.node', MACHO],
    ['node_modules/bcrypt/bcrypt.js', Buffer.from('')],
  ]);
  expect(checkAddons(prebuilds, { architecture: 'arm64', stage: 'dev' })).toEqual({ unverified: [] });
  expect(checkAddons(prebuilds, { architecture: 'x86_64', stage: 'dev' })).toEqual({ unverified: [] });
});

test('an addon built on a newer Linux than Lambda (glibc 2.38, or libstdc++ from GCC 13): exit 2 naming the version and the fix', () => {
  const newer = new Map([['node_modules/sqlite3/build/Release/node_sqlite3.node', elf(62, 'libc.so.6\0GLIBC_2.2.5\0GLIBC_2.38\0GLIBC_2.34\0')]]);
  const err = checkAddons(newer, { architecture: 'x86_64', stage: 'prod' }).error;
  expect(err).toMatchObject({ exitCode: 2 });
  expect(err!.message).toBe(
    `"sqlite3" ships node_modules/sqlite3/build/Release/node_sqlite3.node, built against GLIBC 2.38, and Lambda's Node runtimes (Amazon Linux 2023) have GLIBC 2.34 (stage 'prod'): it would fail to load on Lambda ("version not found"). ` +
      `Install it where Lambda's libraries are (npm ci in a linux/amd64 build image such as public.ecr.aws/sam/build-nodejs24.x) before packaging, or use a version of "sqlite3" with prebuilt Linux binaries`,
  );
  const cxx = new Map([['node_modules/x/build/Release/x.node', elf(183, 'libstdc++.so.6\0libc.so.6\0GLIBCXX_3.4.32\0GLIBC_2.17\0')]]);
  expect(checkAddons(cxx, { architecture: 'arm64', stage: 'dev' }).error?.message).toMatch(/^"x" ships node_modules\/x\/build\/Release\/x\.node, built against GLIBCXX 3\.4\.32, and Lambda's Node runtimes \(Amazon Linux 2023\) have GLIBCXX 3\.4\.29/);
  // Built on Debian 12 (glibc 2.36) but needing nothing past 2.34, as node-gyp builds of sqlite3 6 do: it loads.
  const fine = new Map([['node_modules/sqlite3/build/Release/node_sqlite3.node', elf(62, 'libc.so.6\0GLIBC_2.29\0GLIBC_2.33\0GLIBC_2.34\0GLIBCXX_3.4.29\0')]]);
  expect(checkAddons(fine, { architecture: 'x86_64', stage: 'dev' })).toEqual({ unverified: [] });
});

test('an install on Alpine (musl builds only): exit 2; unreadable files keep the warning to check by hand', () => {
  const alpine = new Map([['node_modules/argon2/prebuilds/linux-arm64/argon2.musl.node', elf(183, 'libc.musl-aarch64.so.1\0')]]);
  expect(checkAddons(alpine, { architecture: 'arm64', stage: 'dev' }).error?.message).toMatch(/^"argon2" ships node_modules\/argon2\/prebuilds\/linux-arm64\/argon2\.musl\.node, built for musl \(an install on Alpine Linux\), and Lambda's Node runtimes use glibc \(stage 'dev'\)/);
  const unread = new Map([['node_modules/x/a.node', Buffer.from('\u007fELF not really')], ['node_modules/fsevents/fsevents.node', MACHO]]);
  expect(checkAddons(unread, { architecture: 'arm64', stage: 'dev' })).toEqual({ unverified: ['fsevents', 'x'] });
});

test('an addon compiled against V8 for another Node major (better-sqlite3 installed under Node 20, function on nodejs24.x): exit 2 naming the file and the rebuild', () => {
  const v8Addon = (abi: number) => elf(183, `libc.so.6\0GLIBC_2.17\0node_register_module_v${abi}\0`);
  const napiAddon = elf(183, 'libc.so.6\0GLIBC_2.17\0napi_register_module_v1\0');
  expect([v8Addon(115), napiAddon, X64].map(addonAbi)).toEqual([115, 'napi', undefined]);
  const built20 = new Map([['node_modules/better-sqlite3/build/Release/better_sqlite3.node', v8Addon(115)], ['node_modules/better-sqlite3/build/Release/test_extension.node', ARM64]]);
  const err = addonAbiError(built20, { runtime: 'nodejs24.x', stage: 'dev' });
  expect(err).toMatchObject({ exitCode: 2 });
  expect(err!.message).toBe(
    `"better-sqlite3" ships node_modules/better-sqlite3/build/Release/better_sqlite3.node, compiled for Node 20 (NODE_MODULE_VERSION 115), and the function runs nodejs24.x (NODE_MODULE_VERSION 137; stage 'dev'): it would fail to load on Lambda. ` +
      'Rebuild it under Node 24 (`PATH=node_modules/node/bin:$PATH npm rebuild better-sqlite3`, with node@24 as a devDependency)',
  );
  expect(addonAbiError(new Map([['node_modules/x/a.node', v8Addon(127)]]), { runtime: 'nodejs24.x', stage: 'dev' })?.message).toMatch(/compiled for Node 22 .*, or set "runtime": "nodejs22\.x" in zap\.json$/);
  // The right major, a Node-API build (loads in every major), or prebuilds of which one fits: no error.
  expect(addonAbiError(new Map([['node_modules/x/a.node', v8Addon(137)]]), { runtime: 'nodejs24.x', stage: 'dev' })).toBeUndefined();
  expect(addonAbiError(new Map([['node_modules/x/a.node', napiAddon]]), { runtime: 'nodejs22.x', stage: 'dev' })).toBeUndefined();
  expect(addonAbiError(new Map([['node_modules/x/v115.node', v8Addon(115)], ['node_modules/x/v127.node', v8Addon(127)]]), { runtime: 'nodejs22.x', stage: 'dev' })).toBeUndefined();
});
