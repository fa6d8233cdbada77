import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { UserError } from '../core/errors';
import { CANDIDATE_FILES, describeCandidate, inspectSource, mayServe, type AppCandidate } from './detect';
import { startedEntry, type PackageJson } from './start-script';

export interface FoundApp {
  candidate: AppCandidate;
  /** Why this file: the package.json field that starts it, or where apps usually live. */
  via: string;
  /** How zap will obtain the app from it. */
  how: string;
}

const EXTENSIONS = ['', '.js', '.ts', '.mjs', '.cjs', '.mts', '.cts', '/index.js', '/index.ts'];
const BUILD_DIRS = /^(dist|build|lib|out)\//;

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/**
 * The project file a start script names; `node dist/server.js` maps to src/server.ts, built or not: zap
 * bundles the source, so a dist/ left from an earlier build never ships stale code. Before a build,
 * it maps to src/server.js too.
 */
function resolveStarted(projectDir: string, file: string): string | undefined {
  const rel = normalize(file).split('\\').join('/').replace(/^\.\//, '');
  if (rel.startsWith('..') || rel.startsWith('/')) return undefined;
  const src = BUILD_DIRS.test(rel) ? rel.replace(BUILD_DIRS, 'src/').replace(/\.(c|m)?js$/, '') : undefined;
  // tsc keeps the folders under its rootDir: with the project root as rootDir (tsoa's generated build/routes.ts is compiled too), build/src/server.js comes from src/server.ts.
  const underRoot = BUILD_DIRS.test(rel) ? rel.replace(BUILD_DIRS, '').replace(/\.(c|m)?js$/, '') : undefined;
  // A TypeScript source is what the build output was compiled from; a hand-written lib/x.js that runs is taken as it is.
  const tries = [
    ...(src ? ['.ts', '.mts'].map((e) => src + e) : []),
    ...(underRoot ? ['.ts', '.mts'].map((e) => underRoot + e) : []),
    ...EXTENSIONS.map((e) => rel + e),
    ...(src ? ['.js', '.mjs'].map((e) => src + e) : []),
  ];
  return tries.find((t) => isFile(join(projectDir, t)));
}

async function readPackageJson(projectDir: string): Promise<PackageJson> {
  try {
    return JSON.parse(await readFile(join(projectDir, 'package.json'), 'utf8')) as PackageJson;
  } catch {
    return {};
  }
}

async function inspect(projectDir: string, file: string): Promise<AppCandidate> {
  return inspectSource(file, await readFile(join(projectDir, file), 'utf8'));
}

/**
 * The entry package.json starts (`scripts.start`, else `main`) when it exists, as its author runs
 * it; else the usual places, a module that builds and exports the app first, then one that listens.
 */
export async function findApp(projectDir: string): Promise<FoundApp> {
  const started = startedEntry(await readPackageJson(projectDir));
  const startedFile = started && resolveStarted(projectDir, started.file);
  let refused: string | undefined;
  if (started && startedFile) {
    const c = await inspect(projectDir, startedFile);
    if (mayServe(c)) return { candidate: c, via: `package.json ${started.source}`, how: describeCandidate(c) };
    refused = `package.json ${started.source} runs ${startedFile}, which ${describeCandidate(c)}${c.loadsLocal ? '' : ' and loads no other file of the project'}`;
  }
  const found: AppCandidate[] = [];
  for (const file of CANDIDATE_FILES) if (isFile(join(projectDir, file))) found.push(await inspect(projectDir, file));
  const usable = found.filter(mayServe);
  const pick =
    usable.find((c) => c.createsApp && c.exportName) ??
    usable.find((c) => c.createsApp && c.listens) ??
    usable.find((c) => c.exportName && /app\./.test(c.file)) ??
    usable.find((c) => c.listens);
  if (pick) return { candidate: pick, via: refused ? `${refused}; this file is where apps usually live` : 'where apps usually live', how: describeCandidate(pick) };
  if (refused) throw new UserError(`${refused}. zap serves a module that exports the Express app or calls listen(): export the app, or run \`zap init --app <file>#<export>\``);
  const seen = found.map((c) => `${c.file} ${describeCandidate(c)}`);
  const looked = started ? `package.json ${started.source} (no such file), ` : 'package.json (no "start" script or "main"), ';
  throw new UserError(
    `no Express app found: looked at ${looked}${CANDIDATE_FILES.slice(0, 8).join(', ')}, …` +
      (seen.length ? `; found: ${seen.join('; ')}` : '') +
      '. Name the module that exports the app or calls listen(): `zap init --app <file>#<export>`',
  );
}
