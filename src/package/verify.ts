import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { APP_BUNDLE } from './layout';
import { recordBootFiles, type BootFiles } from './boot-files';

export interface BootCheck {
  /** The app module called listen() while being imported. */
  listened: boolean;
  /** Boot threw: the error's name and message. */
  error?: { name: string; message: string };
  timedOut?: boolean;
  /** What the app opened while booting that is not in the artifact (with a project folder given). */
  files?: BootFiles;
}

const MARKER = '\u0000zap-boot-check:';

/*
 * Runs in the Node the function will run on, inside the staged artifact. listen() is stubbed so an
 * app that listens on import is caught, not left holding a port; exit is forced because apps may
 * open connections that would keep the process alive.
 */
const CHECK = `
const net = require('node:net');
let listened = false;
net.Server.prototype.listen = function () { listened = true; return this; };
const report = (r) => { process.stdout.write('\\n' + ${JSON.stringify(MARKER)} + JSON.stringify(r) + '\\n', () => process.exit(0)); };
try { require(process.argv[1]); report({ listened }); }
catch (e) { report({ listened, error: { name: (e && e.name) || 'Error', message: String((e && e.message) || e) } }); }
`;

/** Boots the staged app bundle once in a fresh process: catches listen() on import and bad exports before deploy. */
export function checkBoot(stageDir: string, node: string, env: Record<string, string>, timeoutMs = 15_000, projectDir?: string): Promise<BootCheck> {
  const files = projectDir ? recordBootFiles(projectDir, stageDir) : undefined;
  return new Promise((resolve) => {
    const child = spawn(node, [...(files?.args ?? []), '-e', CHECK, join(stageDir, APP_BUNDLE)], {
      cwd: stageDir,
      env: { ...process.env, ...env, NODE_OPTIONS: '', ...files?.env },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ listened: false, timedOut: true });
    }, timeoutMs);
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.on('close', () => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith(MARKER));
      const result: BootCheck = line ? (JSON.parse(line.slice(MARKER.length)) as BootCheck) : { listened: false, error: { name: 'Error', message: 'the boot check printed no result' } };
      resolve({ ...result, files: files?.read() });
    });
  });
}
