import type { Command } from 'commander';
import { registerInit } from './init';

/** Each command file parses its flags and lazily imports the work it delegates to. */
export function registerCommands(program: Command): void {
  registerInit(program);
}
