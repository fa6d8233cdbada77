import { Command, CommanderError } from 'commander';
import { isServiceError, explainAwsError } from '../aws/errors';
import { isUserError, UserError } from '../core/errors';
import { registerCommands } from './commands';

/**
 * A flag's bad value (a parser threw InvalidArgumentError) is one line, exit 2; other usage
 * mistakes (unknown command or option) still print the help after the error.
 */
class ZapCommand extends Command {
  override createCommand(name?: string): Command {
    return new ZapCommand(name);
  }

  override error(message: string, options?: { code?: string; exitCode?: number }): never {
    if (options?.code !== 'commander.invalidArgument') return super.error(message, options);
    process.stderr.write(`zap: ${message.replace(/^error: /, '')}\n`);
    throw new CommanderError(2, options.code, message);
  }
}

export function buildProgram(): Command {
  const program = new ZapCommand('zap')
    .description('Take an Express app to AWS Lambda, keep it warm, and prove the warming works')
    .version(process.env.ZAP_VERSION ?? '0.1.0')
    .option('--profile <name>', 'AWS profile to use (default: the standard credential chain)')
    .option('--region <region>', 'AWS region (overrides aws_region in zap.json and AWS_REGION)')
    .option('--json', 'print machine-readable JSON instead of text')
    .option('--verbose', 'print stack traces and every AWS call')
    .option('-C, --dir <path>', 'run as if zap was started in <path> (where zap.json is)')
    .showHelpAfterError()
    // Before the commands are added, so they inherit it: a usage mistake throws (exit 2), never process.exit.
    .exitOverride()
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
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    process.exitCode = reportError(err, program.opts().verbose === true);
  }
}

/**
 * User errors and AWS's refusals print one line; anything else is a bug in zap. Stack traces
 * only under --verbose.
 */
export function reportError(err: unknown, verbose: boolean): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
  // An AWS error no command explained still gets the one-line form, naming the call AWS refused.
  if (isServiceError(err)) err = explainAwsError(err, (err as { $zapOperation?: string }).$zapOperation ?? 'an AWS call');
  if (isUserError(err)) {
    process.stderr.write(`zap: ${err.message}\n`);
    if (verbose) process.stderr.write(`${stackOf((err as { cause?: unknown }).cause ?? err)}\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`zap: unexpected error (a bug in zap; please report it): ${message.split('\n')[0]}${verbose ? '' : ' (run again with --verbose for the stack trace)'}\n`);
  if (verbose) process.stderr.write(`${stackOf(err)}\n`);
  return 1;
}

const stackOf = (err: unknown): string => (err instanceof Error ? (err.stack ?? err.message) : String(err));
