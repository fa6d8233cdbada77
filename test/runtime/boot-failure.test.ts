/** An app whose boot throws: warm answers stay warm, requests get 502, and the next request boots again. */
import { buildArtifact, type Artifact } from '../helpers/artifact';
import { ArtifactProcess } from '../helpers/artifact-process';
import { functionUrlEvent } from '../helpers/artifact-client';
import { cjsApp, makeProject, type Project } from '../helpers/artifact-project';

const projects: Project[] = [];
const artifacts: Artifact[] = [];
const open: ArtifactProcess[] = [];

afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
  artifacts.forEach((a) => a.cleanup());
  projects.forEach((p) => p.cleanup());
});

async function containerFor(appSource: string, env: Record<string, string> = {}): Promise<{ c: ArtifactProcess; artifact: Artifact }> {
  const project = makeProject({ 'src/app.js': appSource });
  projects.push(project);
  const artifact = await buildArtifact(project.dir, 'dev');
  artifacts.push(artifact);
  const c = await new ArtifactProcess(artifact.dir, env).whenReady();
  open.push(c);
  return { c, artifact };
}

describe('an app that always fails to boot', () => {
  let c: ArtifactProcess;
  let artifact: Artifact;
  beforeAll(async () => {
    ({ c, artifact } = await containerFor(cjsApp(`throw new Error('database unreachable at boot');`)));
  });

  test('zap package still packages it, with a warning that boot failed at package time', () => {
    expect(artifact.result.warnings.join('\n')).toMatch(/threw while booting at package time.*database unreachable/);
  });

  test('a warm invocation still answers warm, with app_error, and logs the boot error to stderr', async () => {
    const out = await c.invoke({ zap: 'keep_warm', concurrency: 1 });
    expect(out.error).toBeUndefined();
    expect(out.result).toMatchObject({ zap: 'keep_warm', role: 'leader', app_ready: false, app_error: 'Error: database unreachable at boot', held: 1 });
    expect(c.stderr).toMatch(/zap: the app failed to boot \(priming during a keep-warm hold\).*database unreachable at boot/);
    expect(c.warmLogLines()).toEqual([JSON.stringify(out.result)]);
  });

  test('HTTP requests answer 502 with a clear body, and each one tries the boot again', async () => {
    const before = (c.stderr.match(/failed to boot/g) ?? []).length;
    const a = await c.invoke(functionUrlEvent('GET', '/'));
    const b = await c.invoke(functionUrlEvent('GET', '/'));
    expect(a.result).toMatchObject({ statusCode: 502, body: expect.stringMatching(/the app failed to start/) });
    expect(b.result.statusCode).toBe(502);
    expect((c.stderr.match(/failed to boot \(on a request, answering 502\)/g) ?? []).length).toBe(2);
    expect((c.stderr.match(/failed to boot/g) ?? []).length).toBe(before + 2);
  });
});

describe('an app whose first boot fails (a dependency not up yet)', () => {
  test('the first request answers 502, the next boots the app and answers 200', async () => {
    const { c } = await containerFor(
      cjsApp(`globalThis.__boots = (globalThis.__boots || 0) + 1;\nif (globalThis.__boots === 1) throw new Error('not yet');`),
    );
    expect((await c.invoke(functionUrlEvent('GET', '/'))).result.statusCode).toBe(502);
    const second = await c.invoke(functionUrlEvent('GET', '/'));
    expect(second.result.statusCode).toBe(200);
    expect(JSON.parse(second.result.body)).toEqual({ ok: true });
  });
});
