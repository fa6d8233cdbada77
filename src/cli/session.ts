import type { Command } from 'commander';
import type { AwsClients } from '../aws/clients';
import type { StageSettings } from '../settings/types';
import { UserError } from '../core/errors';

export interface GlobalOptions {
  profile?: string;
  region?: string;
  json?: boolean;
  verbose?: boolean;
}

export interface Session {
  dir: string;
  settings: StageSettings;
  clients: AwsClients;
  globals: GlobalOptions;
}

/** The root program's flags, from any subcommand. */
export function globalsOf(cmd: Command): GlobalOptions {
  let root = cmd;
  while (root.parent) root = root.parent;
  return root.opts<GlobalOptions>();
}

/** Settings of the stage (validated before any AWS call) and clients for its region. */
export async function openStage(cmd: Command, stage: string | undefined, dir = process.cwd()): Promise<Session> {
  const { loadStage, listStages } = await import('../settings');
  const globals = globalsOf(cmd);
  const name = stage ?? (await defaultStage(dir, listStages));
  const settings = await loadStage(dir, name);
  const { createClients } = await import('../aws/clients');
  const clients = await createClients({ region: globals.region ?? settings.aws_region, profile: globals.profile, verbose: globals.verbose });
  return { dir, settings, clients, globals };
}

async function defaultStage(dir: string, listStages: (dir: string) => Promise<string[]>): Promise<string> {
  const stages = await listStages(dir);
  if (stages.length === 1) return stages[0]!;
  if (stages.includes('dev')) return 'dev';
  throw new UserError(`name a stage: zap.json has ${stages.join(', ')}`, 2);
}

/** Runs a command body, turning AWS errors into messages a person can act on. */
export async function withAwsErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const { explainAwsError } = await import('../aws/errors');
    throw explainAwsError(err, (err as { $zapOperation?: string }).$zapOperation ?? 'an AWS call');
  }
}
