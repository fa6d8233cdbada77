/**
 * JSX in `.js` files, as projects compiled by Babel write it (`@babel/register` at startup, or
 * `babel src -d dist` with `@babel/preset-react`): esbuild parses `.js` without JSX unless told, and
 * stopped with "The JSX syntax extension is not currently enabled". The JSX loader is a superset of
 * JavaScript (a `<` that starts an expression is a syntax error in plain JavaScript), so every `.js`
 * file is read with it. JSX compiles to React's automatic runtime (`react/jsx-runtime`), which works
 * both for files that import React and for those that rely on Babel's automatic runtime, unless the
 * project's tsconfig/jsconfig sets `jsx` itself or React 17+ is not installed.
 */
import type { BuildOptions } from 'esbuild';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileText } from './file-text';

/** The project's own tsconfig.json or jsconfig.json names a JSX mode, which esbuild then follows. */
function configSetsJsx(projectDir: string): boolean {
  return ['tsconfig.json', 'jsconfig.json'].some((f) => existsSync(join(projectDir, f)) && /"jsx"\s*:/.test(fileText(join(projectDir, f))));
}

function hasJsxRuntime(projectDir: string): boolean {
  try {
    createRequire(join(projectDir, 'package.json')).resolve('react/jsx-runtime');
    return true;
  } catch {
    return false;
  }
}

export function jsxOptions(projectDir: string): Pick<BuildOptions, 'loader' | 'jsx'> {
  const automatic = !configSetsJsx(projectDir) && hasJsxRuntime(projectDir);
  return { loader: { '.js': 'jsx', '.cjs': 'jsx', '.mjs': 'jsx' }, ...(automatic ? { jsx: 'automatic' as const } : {}) };
}

/** For tracing: a project `.js` file that holds JSX, which the tracer's parser cannot read as it is. */
export const mayHoldJsx = (path: string, source: string): boolean => /\.[cm]?js$/.test(path) && !path.includes('/node_modules/') && /<\/|\/>/.test(source);
