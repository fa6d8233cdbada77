import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ZipFile } from 'yazl';

/**
 * Local-time midnight, 2020-01-01: zip stores DOS local time, so a fixed local date gives the same
 * bytes in every time zone. With sorted entries and fixed modes, the same input → the same sha256,
 * so deploy can skip an unchanged upload.
 */
const FIXED_MTIME = new Date(2020, 0, 1, 0, 0, 0);
const FILE_MODE = 0o100644;

export interface ZipResult {
  zip: Buffer;
  sha256: string;
}

export function deterministicZip(entries: Map<string, Buffer>): Promise<ZipResult> {
  const zip = new ZipFile();
  for (const name of [...entries.keys()].sort()) {
    zip.addBuffer(entries.get(name)!, name, { mtime: FIXED_MTIME, mode: FILE_MODE, forceDosTimestamp: true, compressionLevel: 9 });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => {
      const buf = Buffer.concat(chunks);
      resolve({ zip: buf, sha256: createHash('sha256').update(buf).digest('hex') });
    });
  });
}

/** Written beside, then renamed: a reader (deploy, a concurrent run) never sees half a zip. */
export function writeAtomically(file: string, data: Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.${Date.now()}.partial`;
  writeFileSync(partial, data);
  renameSync(partial, file);
}
