// The bench's profile attribution on a small hand-written .cpuprofile: each sample's time goes to
// the part of the function on top of the stack; Node's own code and native functions to their caller.
// @ts-expect-error: a plain .mjs module of the bench, without types
import { attribute, bundleLineMap, packageOf, summarise } from '../../bench/profile-attribution.mjs';

const BUNDLE = [
  '"use strict";', // 0
  '// ../../dist/runtime/adapter.js', // 1
  'var require_request = __commonJS({', // 2
  '  "node_modules/@codegenie/serverless-express/src/request.js"(exports, module) {', // 3
  '    module.exports = 1;', // 4
  '// node_modules/etag/index.js', // 5
  'var crypto = require("crypto");', // 6
  '// node_modules/ejs/lib/ejs.js', // 7
  'function compile() {}', // 8
  '// routes/index.js', // 9
  'router.get("/", handler);', // 10
].join('\n');

const frame = (functionName: string, url: string, lineNumber: number) => ({ functionName, url, lineNumber, columnNumber: 0, scriptId: '0' });

/** root → loader (Node) → index.js (runtime) → vm.Script; index.js → bundle (etag → node:crypto → native), ejs, app, serverless-express; a GC sample. */
const PROFILE = {
  nodes: [
    { id: 1, callFrame: frame('(root)', '', -1), children: [2, 10] },
    { id: 2, callFrame: frame('executeUserEntryPoint', 'node:internal/modules/run_main', 139), children: [3] },
    { id: 3, callFrame: frame('loadBundle', 'file:///var/task/index.js', 200), children: [4, 5] },
    { id: 4, callFrame: frame('Script', 'node:vm', 84), children: [] },
    { id: 5, callFrame: frame('', 'file:///var/task/bin/app.cjs', 0), children: [6, 8, 9, 11, 12] },
    { id: 6, callFrame: frame('', 'file:///var/task/bin/app.cjs', 6), children: [7] },
    { id: 7, callFrame: frame('compileForInternalLoader', 'node:internal/bootstrap/realm', 382), children: [13] },
    { id: 8, callFrame: frame('compile', 'file:///var/task/bin/app.cjs', 8), children: [] },
    { id: 9, callFrame: frame('handler', 'file:///var/task/bin/app.cjs', 10), children: [] },
    { id: 10, callFrame: frame('(garbage collector)', '', -1), children: [] },
    { id: 11, callFrame: frame('', 'file:///var/task/bin/app.cjs', 4), children: [] },
    { id: 12, callFrame: frame('anonymous', '', 0), children: [] },
    { id: 13, callFrame: frame('utf8Slice', '', -1), children: [] },
  ],
  // (the bundle's top-level function, node 5, starts on line 0: its own time is no one module's)
  // One sample each, in this order; sample i lasts timeDeltas[i + 1] µs, the last one until endTime.
  samples: [2, 4, 6, 7, 13, 8, 9, 10, 11, 12, 3, 5],
  timeDeltas: [0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000, 11000],
  startTime: 0,
  endTime: 66000 + 12000,
};

describe('bench profile attribution', () => {
  const bundles = { 'file:///var/task/bin/app.cjs': bundleLineMap(BUNDLE) };
  const { parts, totalMs } = attribute(PROFILE, { runtime: '/var/task/index.js', bundles });

  it('gives each part its self time in ms, with builtins and native calls charged to their caller', () => {
    expect(parts).toEqual({
      'Node start and internal': 1,
      'compile: vm.Script (with the code cache)': 2,
      // the top-level require("crypto") line, node:crypto's loading under it and a native call under that
      'package etag': 3 + 4 + 5,
      'view engine (ejs)': 6,
      'app code': 7,
      'V8: garbage collection': 8,
      'serverless-express': 9,
      'eval/new Function (compiled templates)': 10,
      "zap's runtime (index.js)": 11,
      'bundle top level (ES modules, esbuild helpers)': 12,
    });
    expect(totalMs).toBeCloseTo(78);
  });

  it('names the package of a path, scoped or not, the innermost node_modules winning', () => {
    expect(packageOf('/a/node_modules/@scope/pkg/lib/x.js')).toBe('@scope/pkg');
    expect(packageOf('/a/node_modules/express/node_modules/debug/src/index.js')).toBe('debug');
    expect(packageOf('/a/routes/index.js')).toBeUndefined();
  });

  it('folds small packages into one line, largest part first', () => {
    expect(summarise({ 'package a': 1, 'package b': 5, 'app code': 2 }, { keepPackagesAboveMs: 2 })).toEqual([
      ['package b', 5],
      ['app code', 2],
      ['other packages', 1],
    ]);
  });
});
