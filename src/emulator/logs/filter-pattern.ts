// CloudWatch Logs filter patterns: terms, quoted phrases, ?OR terms, -exclusions, %regex% and
// JSON patterns. https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html

export type Matcher = (message: string) => boolean;

export class FilterPatternError extends Error {}

/** Compiles a pattern once; an empty pattern matches everything. */
export function compileFilterPattern(pattern: string | undefined): Matcher {
  const p = (pattern ?? '').trim();
  if (p === '') return () => true;
  if (p.startsWith('{')) return compileJson(p);
  if (p.startsWith('%') && p.endsWith('%') && p.length > 1) {
    const re = new RegExp(p.slice(1, -1));
    return (m) => re.test(m);
  }
  return compileTerms(p);
}

function tokenize(p: string): string[] {
  const tokens: string[] = [];
  const re = /([?-]?)"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m; (m = re.exec(p)); ) tokens.push(m[3] ?? `${m[1]}"${m[2].replace(/\\(.)/g, '$1')}`);
  return tokens;
}

function compileTerms(p: string): Matcher {
  const all: string[] = [];
  const any: string[] = [];
  const none: string[] = [];
  for (const raw of tokenize(p)) {
    const [prefix, rest] = raw.startsWith('?') ? ['?', raw.slice(1)] : raw.startsWith('-') && raw.length > 1 ? ['-', raw.slice(1)] : ['', raw];
    const term = rest.startsWith('"') ? rest.slice(1) : rest;
    (prefix === '?' ? any : prefix === '-' ? none : all).push(term);
  }
  return (m) => all.every((t) => m.includes(t)) && !none.some((t) => m.includes(t)) && (any.length === 0 || any.some((t) => m.includes(t)));
}

// --- JSON patterns: { $.a.b = "x" && ($.n > 3 || $.c NOT EXISTS) } ---

type Node = (doc: unknown) => boolean;

function compileJson(p: string): Matcher {
  const inner = p.trim();
  if (!inner.endsWith('}')) throw new FilterPatternError('Invalid filter pattern: JSON pattern must end with }');
  const parser = new JsonPatternParser(inner.slice(1, -1));
  const node = parser.parse();
  return (message) => {
    const doc = jsonOf(message);
    return doc !== undefined && node(doc);
  };
}

/** Lambda prefixes console lines (time, request id, level): the JSON is what follows the first '{'. */
function jsonOf(message: string): unknown {
  for (const candidate of [message, message.slice(Math.max(0, message.indexOf('{')))]) {
    try {
      return JSON.parse(candidate);
    } catch {}
  }
  return undefined;
}

function lookup(doc: unknown, path: string): unknown {
  let cur: any = doc;
  for (const part of path.replace(/^\$\.?/, '').split(/\.|\[(\d+)\]/).filter((x) => x !== undefined && x !== '')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[part];
  }
  return cur;
}

class JsonPatternParser {
  private readonly tokens: string[];
  private i = 0;

  constructor(src: string) {
    this.tokens = src.match(/"(?:[^"\\]|\\.)*"|&&|\|\||!=|<=|>=|[=<>()]|[^\s=<>!()&|"]+/g) ?? [];
  }

  parse(): Node {
    const n = this.or();
    if (this.i < this.tokens.length) throw new FilterPatternError(`Invalid filter pattern near "${this.tokens[this.i]}"`);
    return n;
  }

  private or(): Node {
    let left = this.and();
    while (this.tokens[this.i] === '||') {
      this.i++;
      const [l, r] = [left, this.and()];
      left = (d) => l(d) || r(d);
    }
    return left;
  }

  private and(): Node {
    let left = this.atom();
    while (this.tokens[this.i] === '&&') {
      this.i++;
      const [l, r] = [left, this.atom()];
      left = (d) => l(d) && r(d);
    }
    return left;
  }

  private atom(): Node {
    if (this.tokens[this.i] === '(') {
      this.i++;
      const n = this.or();
      if (this.tokens[this.i++] !== ')') throw new FilterPatternError('Invalid filter pattern: missing )');
      return n;
    }
    const path = this.tokens[this.i++];
    if (!path?.startsWith('$')) throw new FilterPatternError(`Invalid filter pattern: expected a $.selector, got "${path}"`);
    if (this.tokens[this.i] === 'NOT' && this.tokens[this.i + 1] === 'EXISTS') {
      this.i += 2;
      return (d) => lookup(d, path) === undefined;
    }
    if (this.tokens[this.i] === 'EXISTS') {
      this.i++;
      return (d) => lookup(d, path) !== undefined;
    }
    const op = this.tokens[this.i++];
    const raw = this.tokens[this.i++];
    if (!op || raw === undefined || !['=', '!=', '<', '>', '<=', '>='].includes(op)) throw new FilterPatternError('Invalid filter pattern: expected a comparison');
    return comparison(path, op, raw);
  }
}

function comparison(path: string, op: string, raw: string): Node {
  if (['<', '>', '<=', '>='].includes(op)) {
    const n = Number(raw);
    return (d) => {
      const v = lookup(d, path);
      if (typeof v !== 'number') return false;
      return op === '<' ? v < n : op === '>' ? v > n : op === '<=' ? v <= n : v >= n;
    };
  }
  const eq = equality(raw);
  return op === '=' ? (d) => eq(lookup(d, path)) : (d) => lookup(d, path) !== undefined && !eq(lookup(d, path));
}

function equality(raw: string): (v: unknown) => boolean {
  if (raw === 'true' || raw === 'false') return (v) => v === (raw === 'true');
  if (raw === 'NULL' || raw === 'null') return (v) => v === null;
  if (/^-?\d+(\.\d+)?$/.test(raw)) return (v) => v === Number(raw) || v === raw;
  const text = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
  if (text.startsWith('%') && text.endsWith('%') && text.length > 1) {
    const re = new RegExp(text.slice(1, -1));
    return (v) => typeof v === 'string' && re.test(v);
  }
  const re = new RegExp('^' + text.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return (v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && re.test(String(v));
}
