/**
 * A native addon shipped from node_modules runs only on the CPU it was built for. npm builds it for the
 * machine that installs (x86_64 on most laptops and CI), and Lambda's default architecture is arm64:
 * the emulator (on the host's CPU) loads it, and Lambda answers "invalid ELF header". The .node files'
 * ELF headers say which CPU each is for; a package with Linux addons, none for the function's CPU,
 * stops packaging, naming the file and the two fixes.
 */
import type { StageSettings } from '../settings/types';
import { UserError } from '../core/errors';
import { packageOf } from './packages';

/** ELF e_machine → Lambda's architecture name. */
const MACHINES: Record<number, string> = { 62: 'x86_64', 183: 'arm64' };

/** The CPU a .node file is built for: an architecture, 'other' (not a Linux ELF: macOS, Windows, another CPU), or undefined (unreadable). */
export function addonArchitecture(data: Buffer): string | undefined {
  if (data.length < 20) return undefined;
  if (data.readUInt32BE(0) !== 0x7f454c46) return data.readUInt32BE(0) === 0xcffaedfe || data.readUInt16BE(0) === 0x4d5a ? 'other' : undefined;
  const machine = data[5] === 2 ? data.readUInt16BE(18) : data.readUInt16LE(18);
  return MACHINES[machine] ?? 'other';
}

export function nativeArchError(entries: Map<string, Buffer>, settings: Pick<StageSettings, 'architecture' | 'stage'>): UserError | undefined {
  const byPackage = new Map<string, { file: string; arch: string | undefined }[]>();
  for (const [file, data] of entries) {
    if (!file.endsWith('.node')) continue;
    const name = packageOf(file)?.name ?? file;
    byPackage.set(name, [...(byPackage.get(name) ?? []), { file, arch: addonArchitecture(data) }]);
  }
  // Only a Linux build for the other CPU proves the mismatch: a package with macOS-only addons (fsevents, an
  // optional dependency its users load in a try) may never be loaded on Linux, so it keeps the warning.
  const linux = (a: { arch: string | undefined }) => a.arch !== undefined && a.arch !== 'other';
  const wrong = [...byPackage].filter(([, addons]) => addons.every((a) => a.arch !== undefined) && addons.some(linux) && !addons.some((a) => a.arch === settings.architecture));
  if (wrong.length === 0) return undefined;
  const [name, addons] = wrong[0]!;
  const built = [...new Set(addons.map((a) => (a.arch === 'other' ? 'another platform' : `Linux ${a.arch}`)))].join(', ');
  const other = settings.architecture === 'arm64' ? 'x86_64' : 'arm64';
  return new UserError(
    `"${name}" ships ${addons[0]!.file}${addons.length > 1 ? ` and ${addons.length - 1} more .node files` : ''}, built for ${built}, and the function runs on Linux ${settings.architecture} (stage '${settings.stage}'): it would fail to load on Lambda. ` +
      `Set "architecture": "${other}" in zap.json if that is the CPU it was built for, or install it on Linux ${settings.architecture} (npm ci in a linux/${settings.architecture === 'arm64' ? 'arm64' : 'amd64'} build image such as public.ecr.aws/sam/build-nodejs24.x) before packaging`,
    2,
  );
}
