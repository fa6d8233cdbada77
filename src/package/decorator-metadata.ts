/**
 * TypeScript's `emitDecoratorMetadata`: tsc writes each decorated class's constructor parameter and
 * property types (`design:paramtypes`, `design:type`) for reflect-metadata, and DI containers
 * (typedi, tsyringe, inversify, NestJS) and routing-controllers/class-transformer inject and convert by
 * them. esbuild does not emit them, so such an app bundled by esbuild alone boots and then answers
 * 500 ("this.userService.findAll is not a function"). A project file with decorators, under a
 * tsconfig that asks for metadata, is compiled by the project's own TypeScript, as tsc or ts-node
 * would compile it; every other file goes through esbuild as before.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import type * as TS from 'typescript';
import { UserError } from '../core/errors';
import { tscEmitter } from './tsc-emit';

/** Compiles one module's text to JavaScript, or answers undefined when esbuild's own TypeScript support is right. */
export type ModuleCompiler = (path: string, contents: string) => string | undefined;

const TS_FILE = /\.(c|m)?tsx?$/;
/** An `@name` where a decorator can stand: at a line's start, or after `(`, `,` or space (not "a@b.c" in a string). */
const DECORATOR = /(^|[\s(,])@[A-Za-z_$][\w$.]*/m;

/** TypeScript 5 and earlier have a JavaScript API; TypeScript 7's package gives its version only (tsc-emit.ts compiles then). */
function hasCompilerApi(ts: typeof TS): boolean {
  return typeof ts.transpileModule === 'function' && typeof ts.parseJsonConfigFileContent === 'function';
}

/** The project's own `typescript`, the compiler its tsconfig was written for; undefined when not installed. */
function loadTypeScript(projectDir: string): typeof TS | undefined {
  try {
    return createRequire(join(projectDir, 'package.json'))('typescript') as typeof TS;
  } catch {
    return undefined;
  }
}

/** The nearest tsconfig.json above a file asks for decorator metadata (a cheap look before TypeScript loads). */
function nearestTsconfig(file: string, cache: Map<string, string | undefined>): string | undefined {
  const dir = dirname(file);
  if (cache.has(dir)) return cache.get(dir);
  const here = join(dir, 'tsconfig.json');
  const found = existsSync(here) ? here : dirname(dir) === dir ? undefined : nearestTsconfig(dir, cache);
  cache.set(dir, found);
  return found;
}

/** ESM output for ESM sources; CommonJS when the project compiles to CommonJS (as tsc would run it under node). */
function moduleKind(ts: typeof TS, options: TS.CompilerOptions, file: string): TS.ModuleKind {
  if (file.endsWith('.mts')) return ts.ModuleKind.ESNext;
  if (file.endsWith('.cts')) return ts.ModuleKind.CommonJS;
  const m = options.module;
  if (m === ts.ModuleKind.Node16 || m === ts.ModuleKind.NodeNext) return isTypeModule(file) ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS;
  if (m === undefined || m === ts.ModuleKind.CommonJS || m === ts.ModuleKind.None) return ts.ModuleKind.CommonJS;
  return ts.ModuleKind.ESNext;
}

function isTypeModule(file: string): boolean {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) return (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: string }).type === 'module';
    if (dirname(dir) === dir) return false;
  }
}

export function decoratorMetadataCompiler(projectDir: string): ModuleCompiler {
  const tsconfigOf = new Map<string, string | undefined>();
  const options = new Map<string, TS.CompilerOptions | undefined>();
  let ts: typeof TS | undefined;
  let emit: ReturnType<typeof tscEmitter> | undefined;

  const metadataOptions = (tsconfig: string): TS.CompilerOptions | undefined => {
    if (options.has(tsconfig)) return options.get(tsconfig);
    let wanted: TS.CompilerOptions | undefined;
    // Most projects never ask for metadata: TypeScript loads only for the ones that do.
    if (/emitDecoratorMetadata/.test(readFileSync(tsconfig, 'utf8')) || /"extends"/.test(readFileSync(tsconfig, 'utf8'))) {
      ts ??= loadTypeScript(projectDir);
      if (ts && hasCompilerApi(ts)) {
        const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(tsconfig, ts.sys.readFile).config ?? {}, ts.sys, dirname(tsconfig));
        if (parsed.options.emitDecoratorMetadata) wanted = parsed.options;
      } else if (/"emitDecoratorMetadata"\s*:\s*true/.test(readFileSync(tsconfig, 'utf8'))) {
        wanted = { emitDecoratorMetadata: true };
      }
    }
    options.set(tsconfig, wanted);
    return wanted;
  };

  return (path, contents) => {
    if (!TS_FILE.test(path) || path.includes('/node_modules/') || !DECORATOR.test(contents)) return undefined;
    const tsconfig = nearestTsconfig(path, tsconfigOf);
    const wanted = tsconfig && metadataOptions(tsconfig);
    if (!wanted) return undefined;
    if (!ts) {
      const rel = relative(projectDir, path);
      throw new UserError(
        `${rel} has decorators and ${relative(projectDir, tsconfig)} sets "emitDecoratorMetadata", which esbuild cannot emit (dependency injection and ` +
          'validation would fail at run time): zap compiles such files with the project\'s TypeScript; run `npm i -D typescript`',
        2,
      );
    }
    if (!hasCompilerApi(ts)) return (emit ??= tscEmitter(projectDir))(tsconfig, path);
    const compilerOptions: TS.CompilerOptions = {
      ...wanted,
      module: moduleKind(ts, wanted, path),
      noEmit: false,
      declaration: false,
      emitDeclarationOnly: false,
      sourceMap: false,
      inlineSourceMap: false,
      inlineSources: false,
      composite: false,
      incremental: false,
    };
    return ts.transpileModule(contents, { fileName: path, compilerOptions }).outputText;
  };
}
