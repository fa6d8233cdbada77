import type { Command } from 'commander';

/** Each command file parses its flags and lazily imports the work it delegates to. */
export function registerCommands(program: Command): void {
  void program;
}
