/**
 * External packages built for one platform, as npm records it in their package.json (`"os"`,
 * `"cpu"`): sharp's `@img/sharp-linux-x64`, esbuild's `@esbuild/linux-x64`, `@node-rs/*`. npm
 * installs only the ones for the machine it runs on, so from an x64 laptop an arm64 function (the
 * default) would get x64 binaries: the zip deploys, and the app fails to load them on Lambda. The
 * emulator runs on the host's CPU and cannot show it. Here the ones that cannot run on the function's
 * platform are left out, and a package that then has none for it stops packaging with the command
 * that installs it (npm's `--os`/`--cpu`, which sharp's docs give for Lambda).
 */
import { readFileSync } from 'node:fs';
import { UserError } from '../core/errors';

interface PlatformManifest {
  name?: string;
  os?: string[];
  cpu?: string[];
  optionalDependencies?: Record<string, string>;
}

/** Node's process.arch for a Lambda architecture. */
export const lambdaCpu = (architecture: string): string => (architecture === 'x86_64' ? 'x64' : 'arm64');

/** npm's rule: a list allows what it names, and a "!x" entry refuses x. */
function allows(list: string[] | undefined, value: string): boolean {
  if (!list?.length) return true;
  if (list.includes(`!${value}`)) return false;
  const positive = list.filter((v) => !v.startsWith('!'));
  return positive.length === 0 || positive.includes(value);
}

export interface PlatformCheck {
  /** Zip paths to leave out: they belong to packages built for another platform. */
  drop: Set<string>;
  /** Packages left out, for a note. */
  left: string[];
}

/** Looks at every `node_modules/<pkg>/package.json` shipped (zip path → file on disk). */
export function checkPlatforms(files: Map<string, string>, architecture: string, stage: string): PlatformCheck {
  const cpu = lambdaCpu(architecture);
  const manifests = new Map<string, PlatformManifest>(); // package folder (zip path) → manifest
  for (const [zipPath, abs] of files) {
    const m = /^(node_modules\/(?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(zipPath);
    if (!m) continue;
    try {
      manifests.set(m[1]!, JSON.parse(readFileSync(abs, 'utf8')) as PlatformManifest);
    } catch {
      // Not JSON: not a package npm could have installed; nothing to check.
    }
  }
  const fits = (p: PlatformManifest) => allows(p.os, 'linux') && allows(p.cpu, cpu);
  const wrong = [...manifests].filter(([, p]) => (p.os || p.cpu) && !fits(p));
  if (wrong.length === 0) return { drop: new Set(), left: [] };
  const byName = new Map([...manifests.values()].map((p) => [p.name, p]));
  const wrongNames = new Set(wrong.map(([, p]) => p.name));
  // A package that offers platform builds and ships none for the function's platform.
  const stranded = [...manifests.values()].filter((p) => !wrongNames.has(p.name)).filter((p) => {
    const offered = Object.keys(p.optionalDependencies ?? {});
    return offered.some((o) => wrongNames.has(o)) && !offered.some((o) => byName.has(o) && fits(byName.get(o)!) && (byName.get(o)!.os || byName.get(o)!.cpu));
  });
  if (stranded.length) {
    const names = stranded.map((p) => p.name!).join(' ');
    const built = wrong.map(([, p]) => `${p.name} (${(p.os ?? ['any']).join('/')} ${(p.cpu ?? ['any']).join('/')})`).join(', ');
    // Builds for Lambda's other architecture run if the function switches to it (and on this machine, for zap's boot check).
    const other = architecture === 'x86_64' ? 'arm64' : 'x86_64';
    const otherFits = wrong.every(([, p]) => allows(p.os, 'linux') && allows(p.cpu, lambdaCpu(other)));
    const install = `install the function's build with \`npm install --os=linux --cpu=${cpu} ${names}\``;
    throw new UserError(
      `${stranded.map((p) => p.name).join(', ')}: node_modules holds builds for another platform only (${built}), and the function runs on linux ${cpu} ` +
        `("architecture": "${architecture}"). ` +
        (otherFits ? `Set "architecture": "${other}" in zap.json (stage '${stage}') to run the build you have, or ${install}` : `To ${install.replace(/^install/, 'install')}`.replace(/^To install/, 'Install')),
      2,
    );
  }
  const drop = new Set<string>();
  for (const [dir] of wrong) for (const zipPath of files.keys()) if (zipPath.startsWith(`${dir}/`)) drop.add(zipPath);
  return { drop, left: wrong.map(([, p]) => p.name!).sort() };
}
