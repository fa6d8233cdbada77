/** iconv-lite's CJK tables are left out by default, fail loudly if used, and ship whole with "external". */
import { buildArtifact } from '../helpers/artifact';
import { ArtifactProcess } from '../helpers/artifact-process';
import { functionUrlEvent } from '../helpers/artifact-client';
import { cjsApp, makeProject, type Project } from '../helpers/artifact-project';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

const SHIFT_JIS_NIHON = Buffer.from([0x93, 0xfa, 0x96, 0x7b]); // 日本

async function postShiftJis(stage: Record<string, unknown>) {
  const app = cjsApp().replace('module.exports = app;', `app.post('/text', express.text({ type: '*/*' }), (req, res) => res.type('text').send(req.body));\nmodule.exports = app;`);
  const project = makeProject({ 'src/app.js': app }, stage);
  projects.push(project);
  const artifact = await buildArtifact(project.dir, 'dev');
  const c = await new ArtifactProcess(artifact.dir).whenReady();
  try {
    const event = functionUrlEvent('POST', '/text', { headers: { 'content-type': 'application/x-sjis' }, body: SHIFT_JIS_NIHON });
    event.headers['content-type'] = 'text/plain; charset=shift_jis';
    const r = await c.invoke(event);
    return { artifact, r, stderr: c.stderr };
  } finally {
    await c.close();
    artifact.cleanup();
  }
}

test('by default the tables are stubbed: the bundle is smaller and a Shift_JIS body is refused with the fix in the error', async () => {
  const { artifact, r, stderr } = await postShiftJis({});
  expect(artifact.result.notes.join('\n')).toMatch(/left out iconv-lite's 8 legacy CJK code tables/);
  // The tables are ~400 kB; what remains of iconv-lite is its codecs.
  expect(artifact.result.biggest.find((c) => c.name === 'iconv-lite')!.bytes).toBeLessThan(200_000);
  // body-parser answers 400 for a body it cannot decode; Express (NODE_ENV unset) shows the error.
  expect(r.result.statusCode).toBe(400);
  expect(r.result.body + stderr).toMatch(/zap left iconv-lite.*shiftjis\.json code table out of the bundle.*add .*iconv-lite.* to .*external.* in zap\.json/);
});

test('with "iconv-lite" in external the package ships whole and Shift_JIS decodes', async () => {
  const { artifact, r } = await postShiftJis({ external: ['iconv-lite'] });
  expect(artifact.result.notes).toEqual([]);
  expect(artifact.result.files).toContain('node_modules/iconv-lite/encodings/tables/shiftjis.json');
  expect(artifact.result.files.some((f) => f.startsWith('node_modules/safer-buffer/'))).toBe(true);
  expect(r.result.statusCode).toBe(200);
  expect(r.result.body).toBe('日本');
});
