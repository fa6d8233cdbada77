import { Command, CommanderError } from 'commander';
import { isUserError, UserError } from '../core/errors';
import { registerCommands } from './commands';

export function buildProgram(): Command {
  const program = new Command('zap')
    .description('Take an Express app to AWS Lambda, keep it warm, and prove the warming works')
    .version(process.env.ZAP_VERSION ?? '0.1.0')
    .option('--profile <name>', 'AWS profile to use (default: the standard credential chain)')
    .option('--region <region>', 'AWS region (overrides aws_region in zap.json and AWS_REGION)')
    .option('--json', 'print machine-readable JSON instead of text')
    .option('--verbose', 'print stack traces and every AWS call')
    .option('-C, --dir <path>', 'run as if zap was started in <path> (where zap.json is)')
    .showHelpAfterError()
    .hook('preAction', (root) => {
      const dir = root.opts<{ dir?: string }>().dir;
      if (!dir) return;
      try {
        process.chdir(dir);
      } catch {
        throw new UserError(`-C ${dir}: no such folder`, 2);
      }
    });
  registerCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    process.exitCode = reportError(err, program.opts().verbose === true);
  }
}

/** User errors print one message; anything else is a bug and prints its stack. */
function reportError(err: unknown, verbose: boolean): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
  if (isUserError(err)) {
    process.stderr.write(`zap: ${err.message}\n`);
    if (verbose && err.stack) process.stderr.write(err.stack + '\n');
    return err.exitCode;
  }
  process.stderr.write(`zap: unexpected error (a bug in zap; please report it)\n`);
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 1;
}
