import type { Metafile } from 'esbuild';
import { contributorOf } from './packages';

export interface Contributor {
  name: string;
  bytes: number;
}

/** The bundle's inputs grouped by package (or project file), largest first, from esbuild's metafile. */
export function biggestContributors(metafile: Metafile, top = 5): Contributor[] {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = contributorOf(input);
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...totals]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name))
    .slice(0, top);
}
