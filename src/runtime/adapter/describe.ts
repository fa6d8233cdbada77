/** Words for what a module handed zap, for messages that must name what was found. */
import { isServableApp } from './resolve-app';

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (typeof v === 'object' || typeof v === 'function') && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

export { isThenable };

export function describeValue(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (isServableApp(v)) return 'an app';
  if (isThenable(v)) return 'a promise';
  if (typeof v === 'function') {
    const name = v.name ? ` ${v.name}` : '';
    return `a function${name} taking ${v.length} parameter${v.length === 1 ? '' : 's'}`;
  }
  if (typeof v === 'object') {
    const keys = Object.keys(v);
    const ctor = (v as object).constructor?.name;
    const kind = ctor && ctor !== 'Object' ? `a ${ctor}` : 'an object';
    return keys.length ? `${kind} (keys: ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''})` : kind;
  }
  return `a ${typeof v} (${JSON.stringify(v)?.slice(0, 40)})`;
}
