import type { Command } from 'commander';
import { registerInit } from './init';
import { registerDeploy } from './deploy';
import { registerInvoke } from './invoke';
import { registerRollback } from './rollback';
import { registerUndeploy } from './undeploy';
import { registerLocal } from './local';
import { registerPackage } from './package';
import { registerEmulator } from './emulator';
import { registerTail } from './tail';
import { registerStatus } from './status';
import { registerTune } from './tune';

/** Each command file parses its flags and lazily imports the work it delegates to. */
export function registerCommands(program: Command): void {
  registerInit(program);
  registerDeploy(program);
  registerInvoke(program);
  registerRollback(program);
  registerUndeploy(program);
  registerLocal(program);
  registerPackage(program);
  registerEmulator(program);
  registerTail(program);
  registerStatus(program);
  registerTune(program);
}
