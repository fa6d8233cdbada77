import pc from 'picocolors';

/** Colours only on a terminal, and never with NO_COLOR (https://no-color.org). */
export function colors(stream: NodeJS.WriteStream = process.stdout) {
  return pc.createColors(Boolean(stream.isTTY) && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb');
}

/** Progress of a multi-step command: one line per step on stderr, nothing at all in --json mode. */
export interface Reporter {
  step(name: string, detail: string, kind?: 'changed' | 'same' | 'plan' | 'warn'): void;
  info(line: string): void;
}

export function createReporter(opts: { json?: boolean; stream?: NodeJS.WriteStream }): Reporter {
  const stream = opts.stream ?? process.stderr;
  if (opts.json) return { step() {}, info() {} };
  const c = colors(stream);
  const mark = { changed: c.green('✓'), same: c.dim('·'), plan: c.cyan('~'), warn: c.yellow('!') };
  return {
    step(name, detail, kind = 'changed') {
      stream.write(`${mark[kind]} ${name.padEnd(10)} ${kind === 'same' ? c.dim(detail) : detail}\n`);
    },
    info(line) {
      stream.write(`${line}\n`);
    },
  };
}
