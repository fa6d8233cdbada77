/**
 * The eager compile cache: every function of the bundle compiled into V8's code cache, not only
 * those booting ran, so the first request compiles none of the app's functions itself, and no
 * request is sent through the app to get them (only the user's compile_cache_warmup_path does
 * that). V8 compiles lazily by default; `--no-lazy` is set only while this one script compiles
 * and set back before the cache is written, so the cache carries the function's usual flags (V8
 * rejects a cache made under other flags) and the running app keeps compiling lazily. The
 * isolate's compilation cache is off meanwhile too: it would hand back the script already
 * compiled (lazily) when the app loaded, and the cache would hold no more than before.
 */
import type vm from 'node:vm';
import { compileBundle } from './compile-cache';

export function eagerCachedData(file: string, source: string): Buffer {
  const v8 = require('node:v8') as typeof import('node:v8');
  let script: vm.Script;
  v8.setFlagsFromString('--no-lazy');
  v8.setFlagsFromString('--no-compilation-cache');
  try {
    script = compileBundle(file, source);
  } finally {
    v8.setFlagsFromString('--compilation-cache');
    v8.setFlagsFromString('--lazy');
  }
  return script.createCachedData();
}
