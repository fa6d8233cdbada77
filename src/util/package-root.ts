import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** zap's own install folder (holding package.json, dist/ and templates/), from the bundled CLI or from src/ under tests. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++, dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { bin?: Record<string, string> }).bin?.zap) return (root = dir);
  }
  throw new Error('zap: cannot find its own package folder');
}

/** The name zap is installed under, for "$schema" paths in zap.json. */
export function packageName(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { name: string }).name;
}
