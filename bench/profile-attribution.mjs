// Where a first answer's CPU time went, from a V8 .cpuprofile (`node --cpu-prof`): each sample's
// time goes to the function on top of the stack (self time), and that function's script URL names
// its part: Node's own code, zap's runtime, an npm package (by the bundle's esbuild module comments
// when the code is bundled), a view engine, serverless-express, or the app's own files.

/** Engines Express renders through (consolidate's list, the common ones): their time is view compilation and rendering. */
const VIEW_ENGINES = /^(ejs|pug(-[a-z-]+)?|jade|handlebars|hbs|express-handlebars|mustache|nunjucks|eta|liquidjs|squirrelly|twig|dot|hogan\.js|marko|swig(-templates)?|vash|dustjs-linkedin|haml|ect|whiskers)$/;
const SERVERLESS_EXPRESS = /^@(codegenie|vendia)\/serverless-express$|^serverless-http$/;

const NODE = 'Node start and internal';

/** `…/node_modules/@scope/name/…` or `…/node_modules/name/…` → the last package in the path. */
export function packageOf(path) {
  const m = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  return m ? m[1] : undefined;
}

/**
 * For a bundle made by esbuild (non-minified), the module each line came from: esbuild writes
 * `// <path>` before each module's code, and a bundle inside it (zap's adapter) keys each CommonJS
 * module by its path: `"<path>"(exports, module) {`. Returns line (0-based) → that path, by binary search.
 */
const MODULE_COMMENT = /^\s*\/\/ ((?:\.\.\/|node_modules\/|src\/|[\w@.-]+\/)\S*\.(?:[cm]?[jt]sx?|json))$/;
const MODULE_KEY = /^\s*"(\S+\.(?:[cm]?[jt]sx?|json))"\((?:exports|module)/;

export function bundleLineMap(source) {
  const starts = [];
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = MODULE_COMMENT.exec(lines[i]) ?? MODULE_KEY.exec(lines[i]);
    if (m) starts.push([i, m[1]]);
  }
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid][0] <= line) {
        found = starts[mid][1];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

/**
 * The part a frame belongs to (undefined for a native function: its caller's part). `opts.runtime` (the runtime entry's URL or path fragment), and
 * `opts.bundles` ({ url → line map }) for bundled code.
 */
export function partOf(frame, opts = {}) {
  const url = frame.url ?? '';
  if (!url) {
    if (frame.functionName === '(garbage collector)') return 'V8: garbage collection';
    if (frame.functionName === '(root)') return NODE;
    if (frame.functionName === '(program)' || frame.functionName === '(idle)') return 'V8: compile and other native';
    // Code made by `new Function` or eval has a position (templates compiled by a view engine,
    // mostly); a native function (lineNumber -1) is its caller's time.
    if (frame.lineNumber >= 0) return 'eval/new Function (compiled templates)';
    return undefined;
  }
  // Node's own code works for its caller (a require() of a builtin is that module's evaluation),
  // except compilation, which is a part of its own; with no caller of ours it is Node's start.
  if (url.startsWith('node:')) {
    if (url === 'node:vm' && frame.functionName === 'Script') return 'compile: vm.Script (with the code cache)';
    if (/\/modules\/cjs\/loader$/.test(url) && frame.functionName === 'wrapSafe') return 'compile: CommonJS loader';
    return undefined;
  }
  let path = url.replace(/^file:\/\//, '');
  const map = opts.bundles?.[url] ?? opts.bundles?.[path];
  if (map) {
    const module = map(frame.lineNumber);
    // A frame names the line its function starts on: the bundle's own top level (where esbuild
    // puts ES modules' top-level code) starts before any module, so no one module is named.
    if (module === undefined) return 'bundle top level (ES modules, esbuild helpers)';
    path = module;
  }
  if (opts.runtime && url.endsWith(opts.runtime)) return "zap's runtime (index.js)";
  if (/dist\/runtime\/(adapter|capture)\.js$/.test(path)) return "zap's adapter";
  const pkg = packageOf(path);
  if (!pkg) return map || !opts.host || !path.includes(opts.host) ? 'app code' : 'bench host';
  if (SERVERLESS_EXPRESS.test(pkg)) return 'serverless-express';
  if (VIEW_ENGINES.test(pkg)) return `view engine (${pkg.replace(/-.*/, '')})`;
  return `package ${pkg}`;
}

/**
 * Self time per part, in ms, from a parsed .cpuprofile. Sample i lasts until sample i+1
 * (timeDeltas[i+1]); the last one until endTime. Returns { parts: { name → ms }, totalMs }.
 */
export function attribute(profile, opts = {}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const parts = {};
  const cache = new Map();
  const partOfNode = (node) => {
    let part = cache.get(node.id);
    if (part !== undefined) return part;
    part = partOf(node.callFrame, opts);
    if (part === undefined) {
      const up = byId.get(parent.get(node.id));
      part = up ? partOfNode(up) : NODE;
    }
    cache.set(node.id, part);
    return part;
  };
  const { samples = [], timeDeltas = [] } = profile;
  let total = 0;
  for (let i = 0; i < samples.length; i++) {
    const next = i + 1 < samples.length ? timeDeltas[i + 1] : Math.max(0, profile.endTime - (profile.startTime + timeDeltas.slice(0, i + 1).reduce((a, b) => a + b, 0)));
    const node = byId.get(samples[i]);
    if (!node) continue;
    const part = partOfNode(node);
    const ms = Math.max(0, next) / 1000;
    parts[part] = (parts[part] ?? 0) + ms;
    total += ms;
  }
  return { parts, totalMs: total };
}

/** Packages folded into "other packages" below this share, so a breakdown stays one line. */
export function summarise(parts, { keepPackagesAboveMs = 2 } = {}) {
  const out = {};
  for (const [name, ms] of Object.entries(parts)) {
    const key = name.startsWith('package ') && ms < keepPackagesAboveMs ? 'other packages' : name;
    out[key] = (out[key] ?? 0) + ms;
  }
  return Object.entries(out).sort((a, b) => b[1] - a[1]);
}
