/**
 * A native addon shipped from node_modules runs only where it was built for. npm builds it for the
 * machine that installs (x86_64 on most laptops and CI), and Lambda's default architecture is arm64:
 * the emulator (on the host's CPU) loads it, and Lambda answers "invalid ELF header". A build on a
 * newer Linux than Lambda's needs a newer C library ("version `GLIBC_2.38' not found"). The .node
 * files say both: the ELF header names the CPU, and the version strings it links against name the
 * glibc and libstdc++ it needs. A package whose addons all fail one of these stops packaging, naming
 * the file and the fixes; one with an addon that fits draws no warning; one that cannot be read keeps it.
 */
import type { StageSettings } from '../settings/types';
import { UserError } from '../core/errors';
import { packageOf } from './packages';

/** ELF e_machine → Lambda's architecture name. */
const MACHINES: Record<number, string> = { 62: 'x86_64', 183: 'arm64' };

/** The C and C++ libraries of Lambda's Node runtimes (nodejs22.x, nodejs24.x run on Amazon Linux 2023: glibc 2.34, GCC 11's libstdc++). */
export const LAMBDA_LIBRARIES: Record<Library, string> = { GLIBC: '2.34', GLIBCXX: '3.4.29' };
type Library = 'GLIBC' | 'GLIBCXX';

/** What a .node file was built for, as far as its bytes say. */
export interface AddonBuild {
  /** An architecture, 'other' (not a Linux ELF: macOS, Windows, another CPU), or undefined (unreadable). */
  arch: string | undefined;
  /** Linked against musl (Alpine) rather than glibc: it does not load on Lambda. */
  musl: boolean;
  /** The newest version of each library it links against ("GLIBC_2.34" → { GLIBC: '2.34' }). */
  needs: Partial<Record<Library, string>>;
}

/** The CPU a .node file is built for: an architecture, 'other' (not a Linux ELF: macOS, Windows, another CPU), or undefined (unreadable). */
export function addonArchitecture(data: Buffer): string | undefined {
  if (data.length < 20) return undefined;
  if (data.readUInt32BE(0) !== 0x7f454c46) return data.readUInt32BE(0) === 0xcffaedfe || data.readUInt16BE(0) === 0x4d5a ? 'other' : undefined;
  const machine = data[5] === 2 ? data.readUInt16BE(18) : data.readUInt16LE(18);
  return MACHINES[machine] ?? 'other';
}

/** -1, 0, 1 as version a is older, the same, newer than b ("2.9" < "2.34"). */
function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0) ? -1 : 1;
  return 0;
}

/** The file's CPU, and for a Linux ELF the C library it links against and the newest symbol versions it needs. */
export function addonBuild(data: Buffer): AddonBuild {
  const arch = addonArchitecture(data);
  const build: AddonBuild = { arch, musl: false, needs: {} };
  if (arch === undefined || arch === 'other') return build;
  const text = data.toString('latin1');
  build.musl = text.includes('libc.musl-');
  for (const [, lib, version] of text.matchAll(/\b(GLIBC|GLIBCXX)_(\d+(?:\.\d+)+)\b/g)) {
    const current = build.needs[lib as Library];
    if (!current || compareVersions(version!, current) > 0) build.needs[lib as Library] = version!;
  }
  return build;
}

/** Libraries the addon needs in a newer version than Lambda has: "GLIBC 2.38". */
function tooNew(build: AddonBuild): string[] {
  return (Object.keys(LAMBDA_LIBRARIES) as Library[]).filter((lib) => build.needs[lib] && compareVersions(build.needs[lib]!, LAMBDA_LIBRARIES[lib]) > 0).map((lib) => `${lib} ${build.needs[lib]}`);
}

/** Loads on Lambda with the function's architecture: its CPU, glibc, and libraries no newer than Lambda's. */
function fits(build: AddonBuild, architecture: string): boolean {
  return build.arch === architecture && !build.musl && tooNew(build).length === 0;
}

const buildImage = (architecture: string) => `npm ci in a linux/${architecture === 'arm64' ? 'arm64' : 'amd64'} build image such as public.ecr.aws/sam/build-nodejs24.x`;

export interface AddonCheck {
  /** A package none of whose addons can load on Lambda, for a reason the files prove. */
  error?: UserError;
  /** Packages whose addons could not be judged (unreadable, macOS or musl only): each keeps a warning. */
  unverified: string[];
}

/** The shipped .node files, by package, against what Lambda runs for these settings. */
export function checkAddons(entries: Map<string, Buffer>, settings: Pick<StageSettings, 'architecture' | 'stage'>): AddonCheck {
  const byPackage = new Map<string, { file: string; build: AddonBuild }[]>();
  for (const [file, data] of entries) {
    if (!file.endsWith('.node')) continue;
    const name = packageOf(file)?.name ?? file;
    byPackage.set(name, [...(byPackage.get(name) ?? []), { file, build: addonBuild(data) }]);
  }
  const unverified: string[] = [];
  for (const [name, addons] of byPackage) {
    if (addons.some((a) => fits(a.build, settings.architecture))) continue;
    const error = wrongCpu(name, addons, settings) ?? wrongLibraries(name, addons, settings);
    if (error) return { error, unverified };
    unverified.push(name);
  }
  return { unverified: unverified.sort() };
}

/** Packages whose addons could not be judged: the user checks them. */
export function unverifiedAddonsWarning(names: string[], architecture: string): string {
  return `${names.join(', ')} ship compiled .node files: they must be built for Linux ${architecture} with glibc ${LAMBDA_LIBRARIES.GLIBC} or older (e.g. ${buildImage(architecture)})`;
}

/** Only a Linux build for the other CPU proves the mismatch: a package with macOS-only addons (fsevents, an
 * optional dependency its users load in a try) may never be loaded on Linux, so it keeps the warning. */
function wrongCpu(name: string, addons: { file: string; build: AddonBuild }[], settings: Pick<StageSettings, 'architecture' | 'stage'>): UserError | undefined {
  const linux = (b: AddonBuild) => b.arch !== undefined && b.arch !== 'other';
  if (!(addons.every((a) => a.build.arch !== undefined) && addons.some((a) => linux(a.build)) && !addons.some((a) => a.build.arch === settings.architecture))) return undefined;
  const built = [...new Set(addons.map((a) => (a.build.arch === 'other' ? 'another platform' : `Linux ${a.build.arch}`)))].join(', ');
  const other = settings.architecture === 'arm64' ? 'x86_64' : 'arm64';
  return new UserError(
    `"${name}" ships ${addons[0]!.file}${addons.length > 1 ? ` and ${addons.length - 1} more .node files` : ''}, built for ${built}, and the function runs on Linux ${settings.architecture} (stage '${settings.stage}'): it would fail to load on Lambda. ` +
      `Set "architecture": "${other}" in zap.json if that is the CPU it was built for, or install it on Linux ${settings.architecture} (${buildImage(settings.architecture)}) before packaging`,
    2,
  );
}

/** Built for the right CPU against other libraries: musl (an install on Alpine) or a newer glibc or libstdc++ than Lambda's. */
function wrongLibraries(name: string, addons: { file: string; build: AddonBuild }[], settings: Pick<StageSettings, 'architecture' | 'stage'>): UserError | undefined {
  const candidates = addons.filter((a) => a.build.arch === settings.architecture);
  if (candidates.length === 0) return undefined;
  const fix = `Install it where Lambda's libraries are (${buildImage(settings.architecture)}) before packaging`;
  const glibc = candidates.filter((a) => !a.build.musl);
  if (glibc.length === 0) {
    return new UserError(
      `"${name}" ships ${candidates[0]!.file}, built for musl (an install on Alpine Linux), and Lambda's Node runtimes use glibc (stage '${settings.stage}'): it would fail to load on Lambda. ${fix}`,
      2,
    );
  }
  const { file, build } = glibc[0]!;
  const needs = tooNew(build);
  const has = needs.map((need) => `${need.split(' ')[0]} ${LAMBDA_LIBRARIES[need.split(' ')[0] as Library]}`).join(' and ');
  return new UserError(
    `"${name}" ships ${file}, built against ${needs.join(' and ')}, and Lambda's Node runtimes (Amazon Linux 2023) have ${has} (stage '${settings.stage}'): it would fail to load on Lambda ("version not found"). ` +
      `${fix}, or use a version of "${name}" with prebuilt Linux binaries`,
    2,
  );
}
