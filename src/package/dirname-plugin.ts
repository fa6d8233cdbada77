/**
 * `__dirname`, `__filename` and `import.meta.url` keep meaning the original file's place after
 * bundling. esbuild gives every bundled module the bundle's own location, so a `lib/boot.js` that
 * scans `path.join(__dirname, '..', 'controllers')` would look beside the bundle instead. Here each
 * module that mentions them gets its own values: its project-relative path joined to the artifact
 * root, which the bundle computes from where it sits (Lambda's /var/task, or any folder it is
 * unzipped to). esbuild's `define` maps only unbound references, so a module that declares its own
 * `const __dirname = dirname(fileURLToPath(import.meta.url))` keeps it and gets the right URL in it.
 * `require.resolve` likewise resolves from the module's own place (uglify-js, which pug 2 loads,
 * resolves `../lib/*.js` and reads them), and falls back to the bundle's place as before.
 */
import type { Plugin } from 'esbuild';
import { fileText } from './file-text';
import { posix, relative } from 'node:path';
import { insertAfterDirectives, loaderFor, SOURCE_FILE } from './source-edit';
import { decoratorMetadataCompiler } from './decorator-metadata';

const NAMES = { dirname: '__zapDirname', filename: '__zapFilename', url: '__zapMetaUrl', resolve: '__zapResolve' } as const;

/** Project-relative, forward slashes: the same path the module has in the artifact (zip root = project root). */
export function artifactPath(projectDir: string, file: string): string {
  return relative(projectDir, file).split('\\').join('/');
}

/** The bundle finds the artifact root from its own location: `..` once per folder between it and the root. */
function rootBanner(bundle: string, format: string | undefined): string {
  const up = posix.dirname(bundle) === '.' ? '.' : posix.dirname(bundle).split('/').map(() => '..').join('/');
  const here = format === 'esm' ? 'import.meta.url' : 'require("url").pathToFileURL(__filename).href';
  // process.getBuiltinModule works in either output format (Node >= 20.16, 22.3).
  return [
    `var __zapRoot=process.getBuiltinModule("path").resolve(process.getBuiltinModule("url").fileURLToPath(new URL(${JSON.stringify(up + '/')},${here})));`,
    `var __zapPath=(rel)=>rel?__zapRoot+"/"+rel:__zapRoot;`,
    `var __zapFileUrl=(rel)=>process.getBuiltinModule("url").pathToFileURL(__zapPath(rel)).href;`,
    `var __zapResolver=(rel)=>{var m=process.getBuiltinModule("module"),own=m.createRequire(__zapPath(rel)),here=m.createRequire(__zapPath(${JSON.stringify(bundle)}));` +
      `var r=(id,o)=>{try{return own.resolve(id,o)}catch(e){try{return here.resolve(id,o)}catch{throw e}}};r.paths=(id)=>own.resolve.paths(id);return r};`,
  ].join('\n');
}

/** The declarations a module needs, on one line so its line numbers stay those of the source. */
export function moduleLocals(source: string, rel: string): string {
  const dir = posix.dirname(rel) === '.' ? '' : posix.dirname(rel);
  const decls: string[] = [];
  if (/__dirname|import\.meta\.dirname/.test(source)) decls.push(`${NAMES.dirname}=__zapPath(${JSON.stringify(dir)})`);
  if (/__filename|import\.meta\.filename/.test(source)) decls.push(`${NAMES.filename}=__zapPath(${JSON.stringify(rel)})`);
  if (/import\.meta\.url/.test(source)) decls.push(`${NAMES.url}=__zapFileUrl(${JSON.stringify(rel)})`);
  if (/\brequire\.resolve\b/.test(source)) decls.push(`${NAMES.resolve}=__zapResolver(${JSON.stringify(rel)})`);
  return decls.length ? `var ${decls.join(',')};` : '';
}

export interface DirnameOptions {
  projectDir: string;
  /** Zip path of the bundle, e.g. "src/zap-app.cjs". */
  bundle: string;
  /** Further edits of a module's loaded text (computed-requires.ts), applied after the declarations. */
  edit?: (path: string, contents: string) => string;
  /** Filled with the absolute paths of the modules that locate themselves (the tracer starts from them). */
  seen?: Set<string>;
  /** Each module's source as loaded, for checks that need every file once (require-handed.ts). */
  onSource?: (path: string, source: string) => void;
}

export function dirnamePlugin(opts: DirnameOptions): Plugin {
  return {
    name: 'zap-dirname',
    setup(build) {
      const o = build.initialOptions;
      o.define = {
        ...o.define,
        __dirname: NAMES.dirname,
        __filename: NAMES.filename,
        'import.meta.url': NAMES.url,
        'import.meta.dirname': NAMES.dirname,
        'import.meta.filename': NAMES.filename,
        'require.resolve': NAMES.resolve,
      };
      o.banner = { ...o.banner, js: [o.banner?.js, rootBanner(opts.bundle, o.format)].filter(Boolean).join('\n') };
      const compile = decoratorMetadataCompiler(opts.projectDir);
      build.onLoad({ filter: SOURCE_FILE }, async (args) => {
        if (args.namespace !== 'file') return undefined;
        // Read at once (the promise API's trips through the thread pool cost more than the read), and once per process while unchanged.
        const source = fileText(args.path);
        opts.onSource?.(args.path, source);
        const locals = moduleLocals(source, artifactPath(opts.projectDir, args.path));
        if (locals) opts.seen?.add(args.path);
        const contents = opts.edit ? opts.edit(args.path, insertAfterDirectives(source, locals)) : insertAfterDirectives(source, locals);
        const compiled = compile(args.path, contents);
        if (compiled !== undefined) return { contents: compiled, loader: 'js' };
        if (contents === source) return undefined;
        return { contents, loader: loaderFor(args.path) };
      });
    },
  };
}
