/**
 * An addon written against V8 (better-sqlite3, and any addon that is not Node-API) loads only in the
 * Node major it was compiled for: installed with Node 20 or 22 on a laptop, it fails on nodejs24.x with
 * "was compiled against a different Node.js version using NODE_MODULE_VERSION 115", and the app that
 * opens its database at boot answers 502. Such an addon exports `node_register_module_v<ABI>`; a
 * Node-API addon exports `napi_register_module_v1` and loads in every major. A package none of whose
 * addons fits the function's runtime stops packaging, naming the file and the rebuild that fixes it.
 */
import type { StageSettings } from '../settings/types';
import { UserError } from '../core/errors';
import { runtimeMajor } from '../util/node-binary';
import { packageOf } from './packages';

/** NODE_MODULE_VERSION by Node major (node/src/node_version.h; nodejs/node doc/abi_version_registry.json). */
const ABI_OF_MAJOR: Record<number, number> = { 16: 93, 17: 102, 18: 108, 19: 111, 20: 115, 21: 120, 22: 127, 23: 131, 24: 137, 25: 141 };
const majorOfAbi = (abi: number) => Object.entries(ABI_OF_MAJOR).find(([, a]) => a === abi)?.[0];

/** 'napi' (loads in any major), the ABI a V8 addon was built for, or undefined: not a Node addon we can read (a SQLite extension, a NAN addon's struct). */
export function addonAbi(data: Buffer): 'napi' | number | undefined {
  const text = data.toString('latin1');
  if (text.includes('napi_register_module_v1')) return 'napi';
  const m = /node_register_module_v(\d+)/.exec(text);
  return m ? Number(m[1]) : undefined;
}

export function addonAbiError(entries: Map<string, Buffer>, settings: Pick<StageSettings, 'runtime' | 'stage'>): UserError | undefined {
  const major = runtimeMajor(settings.runtime);
  const want = ABI_OF_MAJOR[major];
  const byPackage = new Map<string, { file: string; abi: 'napi' | number }[]>();
  for (const [file, data] of entries) {
    if (!file.endsWith('.node')) continue;
    const abi = addonAbi(data);
    if (abi === undefined) continue;
    const name = packageOf(file)?.name ?? file;
    byPackage.set(name, [...(byPackage.get(name) ?? []), { file, abi }]);
  }
  for (const [name, addons] of byPackage) {
    if (want === undefined || addons.some((a) => a.abi === 'napi' || a.abi === want)) continue;
    const { file, abi } = addons[0]!;
    const builtFor = majorOfAbi(abi as number);
    const other = builtFor === '22' || builtFor === '24' ? `, or set "runtime": "nodejs${builtFor}.x" in zap.json` : '';
    return new UserError(
      `"${name}" ships ${file}, compiled for ${builtFor ? `Node ${builtFor}` : 'another Node'} (NODE_MODULE_VERSION ${abi}), and the function runs ${settings.runtime} ` +
        `(NODE_MODULE_VERSION ${want}; stage '${settings.stage}'): it would fail to load on Lambda. ` +
        `Rebuild it under Node ${major} (\`PATH=node_modules/node/bin:$PATH npm rebuild ${name}\`, with node@${major} as a devDependency)${other}`,
      2,
    );
  }
  return undefined;
}
