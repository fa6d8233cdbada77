/**
 * A routing-controllers + typedi app as its README writes it: classes with decorators, constructor
 * injection and validated bodies, which need TypeScript's emitDecoratorMetadata. Packaged, unzipped
 * and served by a fresh Node 24 process, as Lambda would.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildArtifact, REPO, type Artifact } from '../helpers/artifact';
import { fakePackage, makeProject } from '../helpers/artifact-project';
import { ArtifactProcess } from '../helpers/artifact-process';
import { functionUrlClient } from '../helpers/artifact-client';
import { fixtureCopy } from '../helpers/fixture-apps';
import type { SampleClient } from '../behaviour/sample-app';

describe('decorators with emitDecoratorMetadata (routing-controllers, typedi, class-validator)', () => {
  let copy: ReturnType<typeof fixtureCopy> | undefined;
  let artifact: Artifact | undefined;
  let container: ArtifactProcess | undefined;
  let client: SampleClient;

  beforeAll(async () => {
    copy = fixtureCopy('typescript-decorators');
    writeFileSync(join(copy.dir, 'zap.json'), JSON.stringify({ dev: { app: 'src/index.ts' } }));
    artifact = await buildArtifact(copy.dir, 'dev');
    container = await new ArtifactProcess(artifact.dir).whenReady();
    client = functionUrlClient(container);
  });
  afterAll(async () => {
    await container?.close();
    artifact?.cleanup();
    copy?.remove();
  });

  const call = async (method: string, path: string, json?: unknown) => {
    const r = await client.request(method, path, json === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) });
    return { status: r.status, body: JSON.parse(r.body.toString('utf8')) as Record<string, unknown> };
  };

  test('the service typedi injects by the constructor parameter type answers', async () => {
    expect(await call('GET', '/api/users')).toEqual({ status: 200, body: [{ id: 1, name: 'Ada', email: 'ada@example.com' }] });
    expect((await call('GET', '/api/users/7')).status).toBe(404);
  });

  test('the body becomes the parameter type (class-transformer) and is validated (class-validator)', async () => {
    const bad = await call('POST', '/api/users', { name: 'G', email: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.name).toBe('BadRequestError');
    const good = await call('POST', '/api/users', { name: 'Grace', email: 'grace@example.com' });
    expect(good).toEqual({ status: 200, body: { name: 'Grace', email: 'grace@example.com', id: 2, greeting: 'Hello, Grace' } });
  });

  test("routing-controllers' require of cors, an optional peer that is not installed, is a note, not a build error", () => {
    expect(artifact!.result.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^"cors" is not installed: routing-controllers requires it \(.*ExpressDriver\.js:\d+\); .*fails only if it runs.*npm i cors/)]));
  });

  test('without TypeScript installed, packaging stops and names the file and the fix', async () => {
    const project = makeProject(
      {
        'tsconfig.json': JSON.stringify({ compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true } }),
        'src/app.ts': "import express from 'express';\nconst Injectable = (): ClassDecorator => () => {};\n@Injectable()\nexport class Greeter {}\nconst app = express();\nexport default app;\n",
      },
      { app: 'src/app.ts' },
      ['express'],
    );
    try {
      await expect(buildArtifact(project.dir, 'dev')).rejects.toThrow(/^src\/app\.ts has decorators and tsconfig\.json sets "emitDecoratorMetadata".*npm i -D typescript/);
    } finally {
      project.cleanup();
    }
  });

  test('with TypeScript 7 (no JavaScript API, only its tsc), decorated files are compiled by that tsc and their metadata is there', async () => {
    const project = makeProject(
      {
        'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'es2022', module: 'commonjs', esModuleInterop: true, experimentalDecorators: true, emitDecoratorMetadata: true, outDir: 'build' }, include: ['src'] }),
        'src/app.ts': [
          "import 'reflect-metadata';",
          "import express from 'express';",
          'const Injectable = (): ClassDecorator => () => {};',
          'export class Greeter {}',
          '@Injectable()',
          'export class Service { constructor(public greeter: Greeter) {} }',
          'const app = express();',
          "app.get('/', (_req, res) => { res.json((Reflect as any).getMetadata('design:paramtypes', Service).map((t: { name: string }) => t.name)); });",
          'export default app;',
        ].join('\n'),
      },
      { app: 'src/app.ts' },
      ['express'],
    );
    // reflect-metadata's two calls, in brief.
    fakePackage(project, 'reflect-metadata', { 'index.js': 'const m = new WeakMap();\nReflect.metadata = (k, v) => (t) => { m.set(t, { ...m.get(t), [k]: v }); };\nReflect.getMetadata = (k, t) => m.get(t)?.[k];\n' });
    // typescript@7 as npm installs it: require() gives the version only; bin/tsc compiles (here with TypeScript 5's API, as the native tsc would).
    fakePackage(
      project,
      'typescript',
      {
        'lib/version.cjs': "exports.version = '7.0.2';\n",
        'bin/tsc': [
          `const ts = require(${JSON.stringify(join(REPO, 'node_modules', 'typescript'))});`,
          "const fs = require('fs'); const path = require('path');",
          "const arg = (n) => process.argv[process.argv.indexOf(n) + 1];",
          "const config = ts.getParsedCommandLineOfConfigFile(arg('-p'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic() {} });",
          "for (const f of config.fileNames) {",
          "  const out = path.join(arg('--outDir'), path.relative(arg('--rootDir'), f)).replace(/\\.ts$/, '.js');",
          "  fs.mkdirSync(path.dirname(out), { recursive: true });",
          "  fs.writeFileSync(out, ts.transpileModule(fs.readFileSync(f, 'utf8'), { fileName: f, compilerOptions: config.options }).outputText);",
          '}',
        ].join('\n'),
      },
      { version: '7.0.2', main: 'lib/version.cjs', bin: { tsc: './bin/tsc' } },
    );
    try {
      const built = await buildArtifact(project.dir, 'dev');
      try {
        const served = await new ArtifactProcess(built.dir).whenReady();
        try {
          const r = await functionUrlClient(served).request('GET', '/');
          expect(JSON.parse(r.body.toString('utf8'))).toEqual(['Greeter']);
        } finally {
          await served.close();
        }
      } finally {
        built.cleanup();
      }
    } finally {
      project.cleanup();
    }
  });
});
