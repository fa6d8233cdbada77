/** Throwaway projects for packaging tests: files written to a temp folder whose node_modules is the repository's. */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO, removeDir, tempDir } from './artifact';

export interface Project {
  dir: string;
  cleanup(): void;
}

/**
 * With `linkPackages`, the project gets its own node_modules holding links to just those packages
 * (so tests can add fake packages beside them); otherwise node_modules is a link to the repository's.
 */
export function makeProject(files: Record<string, string | Buffer>, stage: Record<string, unknown> = {}, linkPackages?: string[]): Project {
  const dir = tempDir('project');
  if (linkPackages) {
    mkdirSync(join(dir, 'node_modules'));
    for (const name of linkPackages) symlinkSync(join(REPO, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
  } else {
    symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  }
  const all: Record<string, string | Buffer> = {
    'package.json': JSON.stringify({ name: 'fixture-app', private: true, dependencies: { express: '^5.3.0' } }),
    'zap.json': JSON.stringify({ dev: { app: 'src/app.js#default', ...stage } }),
    ...files,
  };
  for (const [name, content] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return { dir, cleanup: () => removeDir(dir) };
}

/** A CommonJS Express app module: `module.exports = app`, with extra code before the export. */
export function cjsApp(prelude = ''): string {
  return `const express = require('express');\n${prelude}\nconst app = express();\napp.get('/', (req, res) => res.json({ ok: true }));\nmodule.exports = app;\n`;
}

/** A package written into the project's own node_modules: its package.json (name, version 1.0.0, main index.js, plus `pkg`) and these files. */
export function fakePackage(project: Project, name: string, files: Record<string, string>, pkg: Record<string, unknown> = {}): void {
  const dir = join(project.dir, 'node_modules', name);
  for (const [file, content] of Object.entries({ 'package.json': JSON.stringify({ name, version: '1.0.0', main: 'index.js', ...pkg }), ...files })) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
}
