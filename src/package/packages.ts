import { posix } from 'node:path';

/** "../node_modules/@scope/pkg/lib/x.js" → { name: "@scope/pkg", dir: "../node_modules/@scope/pkg" }. */
export function packageOf(path: string): { name: string; dir: string } | undefined {
  const p = path.split('\\').join('/');
  const at = p.lastIndexOf('node_modules/');
  if (at === -1) return undefined;
  const rest = p.slice(at + 'node_modules/'.length).split('/');
  const name = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : rest[0];
  if (!name) return undefined;
  return { name, dir: posix.join(p.slice(0, at), 'node_modules', name) };
}

/** A readable label for a bundle input: its package, zap's adapter, or the project file itself. */
export function contributorOf(input: string): string {
  const p = input.split('\\').join('/');
  if (/\/dist\/runtime\/adapter\.js$/.test(p)) return 'zap adapter (@codegenie/serverless-express)';
  if (/\/dist\/runtime\/capture\.js$/.test(p)) return 'zap listen() capture';
  return packageOf(p)?.name ?? p.replace(/^(\.\.\/)+/, '');
}
