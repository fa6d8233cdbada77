// A native addon built for the packaging machine's CPU (x86_64) fails to load on arm64 Lambda, while the
// emulator, on the host's CPU, loads it: packaging reads the .node files' ELF headers and stops first.
import { addonArchitecture, nativeArchError } from '../../src/package/native-arch';

/** The first 20 bytes of a 64-bit little-endian ELF shared object for the given e_machine. */
function elf(machine: number): Buffer {
  const b = Buffer.alloc(64);
  b.write('\u007fELF', 0, 'latin1');
  b[4] = 2; // 64-bit
  b[5] = 1; // little-endian
  b.writeUInt16LE(3, 16); // ET_DYN
  b.writeUInt16LE(machine, 18);
  return b;
}
const X64 = elf(62);
const ARM64 = elf(183);
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
