/** The boot check ships what the app read at boot and boots again with it, except when the boot was waiting on a database it could not reach. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootShippingFiles } from '../../src/package/boot-files';
import { removeDir, tempDir } from '../helpers/artifact';

function setUp() {
  const projectDir = tempDir('boot-files');
  const stageDir = tempDir('boot-files-stage');
  mkdirSync(join(projectDir, 'src/docs'), { recursive: true });
  writeFileSync(join(projectDir, 'src/docs/components.yml'), 'components: {}\n');
  return { projectDir, stageDir, cleanup: () => [projectDir, stageDir].forEach(removeDir) };
}

/** A boot that reads src/docs/components.yml (missing the first time), and maybe waits on an unreachable database. */
function boots(stageDir: string, unreached: string[]) {
  let runs = 0;
  const run = async () => {
    runs++;
    const missing = runs === 1 ? [join(stageDir, 'src/docs/components.yml')] : [];
    return { files: { missing, outside: [] }, ...(unreached.length ? { unreached } : {}) };
  };
  return { run, runs: () => runs };
}

test('files read at boot ship, and the app is booted again with them', async () => {
  const { projectDir, stageDir, cleanup } = setUp();
  try {
    const b = boots(stageDir, []);
    const out = await bootShippingFiles({ projectDir, stageDir, exclude: [], stage: 'dev', entries: new Map(), run: b.run });
    expect(out.shipped).toEqual(['src/docs/components.yml']);
    expect(b.runs()).toBe(2);
  } finally {
    cleanup();
  }
});

test('a boot that waited on a database it could not reach ships the files and is not repeated (it would wait as long again)', async () => {
  const { projectDir, stageDir, cleanup } = setUp();
  try {
    const b = boots(stageDir, ['127.0.0.1:27017 (ECONNREFUSED)']);
    const out = await bootShippingFiles({ projectDir, stageDir, exclude: [], stage: 'dev', entries: new Map(), run: b.run });
    expect(out.shipped).toEqual(['src/docs/components.yml']);
    expect(b.runs()).toBe(1);
  } finally {
    cleanup();
  }
});
