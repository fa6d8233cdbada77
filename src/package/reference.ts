/**
 * How a module refers to a file it reads, for the package report: the first line of its source
 * that names the file (or a folder on its path) says which API it went through.
 */
const HOW: [RegExp, string][] = [
  [/\.set\(\s*['"]views['"]/, 'app.set views'],
  [/\bstatic\(|serveStatic\(/, 'express.static'],
  [/\.download\(/, 'res.download'],
  [/\.sendFile\(/, 'res.sendFile'],
  [/\brequire\(|\bimport\(/, 'require'],
  [/import\.meta\.(url|dirname|filename)/, 'import.meta.url'],
  [/process\.cwd\(\)/, 'process.cwd()'],
  [/__dirname/, '__dirname'],
  [/__filename/, '__filename'],
];

export function howReferenced(source: string | undefined, file: string): string | undefined {
  if (!source) return undefined;
  const names = file.split('/').reverse().filter((n) => n && n !== '.' && n !== '..');
  const lines = source.split('\n');
  for (const name of names) {
    const quoted = new RegExp(`['"\`/]${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"\`/]`);
    for (const line of lines) {
      const how = quoted.test(line) ? HOW.find(([re]) => re.test(line)) : undefined;
      if (how) return how[1];
    }
  }
  return undefined;
}
