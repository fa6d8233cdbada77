import { UserError } from '../core/errors';
import { listStages } from './load';

/**
 * The stage a command uses when none is named, the same for every command: the only stage in
 * zap.json, else "dev"; with several stages and no dev, the user names one.
 */
export function pickStage(stages: string[]): string {
  if (stages.length === 1) return stages[0]!;
  if (stages.includes('dev')) return 'dev';
  throw new UserError(`name a stage: zap.json has ${stages.join(', ')}`, 2);
}

export async function defaultStage(projectDir: string): Promise<string> {
  return pickStage(await listStages(projectDir));
}
