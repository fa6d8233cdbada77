/** The handler modules an OpenAPI document names for express-openapi-validator, found as its resolvers find them. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { operationHandlers } from '../../src/package/operation-handlers';
import { removeDir, tempDir } from '../helpers/artifact';

function project(files: Record<string, string>): { dir: string; cleanup(): void } {
  const dir = tempDir('oav');
  const all = { 'node_modules/express-openapi-validator/package.json': '{"name":"express-openapi-validator","version":"5.6.2"}', ...files };
  for (const [f, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  return { dir, cleanup: () => removeDir(dir) };
}

const SPEC = (op: string) => `openapi: 3.0.3\npaths:\n  /pets:\n    get:\n${op}\n      responses: { '200': { description: ok } }\n`;

test('x-eov-operation-handler names a module under whatever basePath the app gives (the default resolver)', () => {
  const p = project({ 'api/openapi.yaml': SPEC('      operationId: list\n      x-eov-operation-handler: routes/pets'), 'src/routes/pets.ts': 'export const list = () => 1;\n', 'src/app.js': '' });
  try {
    expect(operationHandlers(p.dir)).toEqual({ modules: new Map([['src/routes/pets.ts', 'api/openapi.yaml']]), warnings: [] });
  } finally {
    p.cleanup();
  }
});

test("operationId 'pets.list' names module pets when the app uses resolvers.modulePathResolver; a missing module is a warning", () => {
  const app = "const { resolvers } = require('express-openapi-validator');\nmodule.exports = { resolver: resolvers.modulePathResolver };\n";
  const p = project({ 'openapi.json': JSON.stringify({ paths: { '/pets': { get: { operationId: 'pets.list' } }, '/toys': { get: { operationId: 'toys.list' } } } }), 'controllers/pets.js': 'exports.list = () => 1;\n', 'app.js': app });
  try {
    const found = operationHandlers(p.dir);
    expect([...found.modules]).toEqual([['controllers/pets.js', 'openapi.json']]);
    expect(found.warnings).toEqual(['openapi.json names the operation handler module "toys", but no module of the project is at that path: its routes will answer 500 "Cannot find module", as under node']);
  } finally {
    p.cleanup();
  }
});

test('a dotted operationId names no module when the app does not use modulePathResolver', () => {
  const p = project({ 'openapi.yaml': SPEC('      operationId: pets.list'), 'pets.js': 'exports.list = () => 1;\n' });
  try {
    expect(operationHandlers(p.dir).modules.size).toBe(0);
  } finally {
    p.cleanup();
  }
});
