import type { Metafile, Plugin } from 'esbuild';

/**
 * Data most Lambda HTTP apps never touch but every Express app bundles: iconv-lite's legacy CJK
 * code tables (~400 kB, over half of a bare Express bundle) are only read to decode a request
 * body sent in Shift_JIS, EUC-JP, GBK, GB18030, Big5 or EUC-KR (body-parser's json and urlencoded
 * refuse those charsets anyway). Each table becomes a stub that, if ever read, throws an error
 * saying how to ship it; `"external": ["iconv-lite"]` ships the whole package instead.
 */
const CJK_TABLE = /[\\/]iconv-lite[\\/]encodings[\\/]tables[\\/][^\\/]+\.json$/;

function stub(path: string): string {
  const table = path.split(/[\\/]/).pop();
  const message =
    `zap left iconv-lite's ${table} code table out of the bundle (legacy CJK encodings); ` +
    `add "iconv-lite" to "external" in zap.json to decode request bodies in that charset`;
  return `throw new Error(${JSON.stringify(message)});\n`;
}

export function trimPlugin(): Plugin {
  return {
    name: 'zap-trim',
    setup(build) {
      build.onLoad({ filter: CJK_TABLE }, (args) => ({ contents: stub(args.path), loader: 'js' }));
    },
  };
}

/** A note for the package report when the bundle holds stubbed tables. */
export function trimNotes(metafile: Metafile): string[] {
  const trimmed = Object.keys(metafile.inputs).filter((p) => CJK_TABLE.test(p));
  if (trimmed.length === 0) return [];
  return [
    `left out iconv-lite's ${trimmed.length} legacy CJK code tables (~400 kB): request bodies in Shift_JIS/GBK/Big5/EUC-KR ` +
      `need "iconv-lite" in "external"`,
  ];
}
