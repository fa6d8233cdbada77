import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import yauzl from 'yauzl';
import { invalidParam } from '../errors';

/** https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
export const MAX_UNZIPPED_BYTES = 262144000;

export interface StoredCode {
  codeSha256: string;
  codeSize: number;
  key: string;
}

/** Zips by content hash, each unzipped once into a folder the containers load. */
export class CodeStore {
  constructor(private readonly root: string) {}

  zipPath(key: string): string {
    return join(this.root, `${key}.zip`);
  }

  dir(key: string): string {
    return join(this.root, key);
  }

  async put(zip: Buffer): Promise<StoredCode> {
    const hash = createHash('sha256').update(zip).digest();
    const key = hash.toString('hex');
    await mkdir(this.root, { recursive: true });
    if (!existsSync(this.dir(key))) await unzipTo(zip, this.dir(key));
    if (!existsSync(this.zipPath(key))) await writeFile(this.zipPath(key), zip);
    return { codeSha256: hash.toString('base64'), codeSize: zip.length, key };
  }

  /** After a restart the folder may be gone (state kept only zips): unzip again. */
  async ensure(key: string): Promise<string> {
    if (!existsSync(this.dir(key))) await unzipTo(await readFile(this.zipPath(key)), this.dir(key));
    return this.dir(key);
  }
}

const badZip = () => invalidParam('Could not unzip uploaded file. Please check your file, then try to upload again.');

/** Unzips into `dest` atomically (a temp folder renamed), refusing entries that escape it. */
export async function unzipTo(zip: Buffer, dest: string): Promise<void> {
  const tmp = `${dest}.tmp-${process.pid}-${Date.now()}`;
  try {
    await extract(zip, tmp);
    await rename(tmp, dest).catch(async (err) => {
      if (!existsSync(dest)) throw err;
    });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

function extract(zip: Buffer, dest: string): Promise<void> {
  const root = resolve(dest) + sep;
  return new Promise((done, fail) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, zf) => {
      if (err || !zf) return fail(badZip());
      let total = 0;
      zf.on('error', () => fail(badZip()));
      zf.on('end', () => done());
      zf.on('entry', (entry: yauzl.Entry) => {
        const target = resolve(dest, entry.fileName);
        if (!target.startsWith(root)) return fail(badZip());
        if (entry.fileName.endsWith('/')) {
          mkdir(target, { recursive: true }).then(() => zf.readEntry(), fail);
          return;
        }
        total += entry.uncompressedSize;
        if (total > MAX_UNZIPPED_BYTES) return fail(invalidParam(`Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes`));
        zf.openReadStream(entry, (e, stream) => {
          if (e || !stream) return fail(badZip());
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', () => fail(badZip()));
          stream.on('end', () => {
            mkdir(dirname(target), { recursive: true })
              .then(() => writeFile(target, Buffer.concat(chunks)))
              .then(() => zf.readEntry(), fail);
          });
        });
      });
      zf.readEntry();
    });
  });
}
