import type { Command } from 'commander';
import type { AwsClients } from '../aws/clients';
import type { StageSettings } from '../settings/types';

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
  const { loadStage, defaultStage } = await import('../settings');
  const globals = globalsOf(cmd);
  const name = stage ?? (await defaultStage(dir));
  const settings = await loadStage(dir, name);
  const { createClients } = await import('../aws/clients');
  const clients = await createClients({ region: globals.region ?? settings.aws_region, profile: globals.profile, verbose: globals.verbose });
  return { dir, settings, clients, globals };
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
