// The layering in docs/architecture.md, checked by dependency-cruiser against the rules in
// .dependency-cruiser.cjs: the real tree passes, and a tree with bad imports fails naming the rule.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const CLI = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
  cycle?: { name: string }[];
}

/** dependency-cruiser's CLI (the package is ESM-only, jest runs CommonJS); exits non-zero on violations. */
function cruise(cwd: string): { violations: Violation[]; modules: number } {
  const r = spawnSync(process.execPath, [CLI, 'src', '--config', CONFIG, '--output-type', 'json'], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (!r.stdout) throw new Error(`dependency-cruiser wrote nothing (exit ${r.status}): ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { summary: { violations: Violation[]; totalCruised: number } };
  return { violations: out.summary.violations, modules: out.summary.totalCruised };
}

test('src/ keeps the layering: every folder imports only what docs/architecture.md allows it, and no file cycles', () => {
  const { violations, modules } = cruise(ROOT);
  expect(modules).toBeGreaterThan(150);
  expect(violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
});

describe('a tree with bad imports', () => {
  let dir: string;
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'zap-layering-'));
    write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true }, include: ['src'] }));
    write('src/contracts/event.ts', "export const EVENT = 'keep_warm';\n");
    write('src/contracts/uses-core.ts', "import { Oops } from '../core/errors';\nexport const e = Oops;\n");
    write('src/core/errors.ts', 'export class Oops extends Error {}\n');
    write('src/deploy/steps.ts', "import { EVENT } from '../contracts/event';\nexport const step = EVENT;\n");
    write('src/runtime/handler.ts', "import { step } from '../deploy/steps';\nimport { EVENT } from '../contracts/event';\nexport const h = [step, EVENT];\n");
    write('src/emulator/server.ts', 'export const start = () => 1;\n');
    write('src/observe/status.ts', "import { start } from '../emulator/server';\nexport const s = start;\n");
    write('src/cli/local.ts', "import { start } from '../emulator/server';\nimport { step } from '../deploy/steps';\nexport const l = [start, step];\n");
    write('src/util/a.ts', "import { b } from './b';\nexport const a = () => b;\n");
    write('src/util/b.ts', "import { a } from './a';\nexport const b = () => a;\n");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('fails, each violation naming the rule it breaks; the allowed imports pass', () => {
    const found = cruise(dir).violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
    expect(found).toEqual([
      'contracts-depend-on-nothing: src/contracts/uses-core.ts → src/core/errors.ts',
      'no-circular: src/util/a.ts → src/util/b.ts',
      'observe-imports-below-commands: src/observe/status.ts → src/emulator/server.ts',
      'only-local-and-emulator-commands-start-the-emulator: src/observe/status.ts → src/emulator/server.ts',
      'runtime-imports-only-contracts: src/runtime/handler.ts → src/deploy/steps.ts',
    ]);
  });
});
