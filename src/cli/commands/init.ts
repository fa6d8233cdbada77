import type { Command } from 'commander';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('find the Express app here and write zap.json with dev and prod stages')
    .option('--app <module#export>', 'the app module, when zap cannot find it (e.g. src/app.ts#app)')
    .action(async (opts: { app?: string }) => {
      const { init } = await import('../../init/init');
      const { packageName } = await import('../../util/package-root');
      const { HOW_TO_SET_REGION } = await import('../../aws/region');
      const globals = program.opts<{ region?: string; profile?: string; json?: boolean }>();
      const result = await init(process.cwd(), { app: opts.app, region: globals.region, profile: globals.profile, packageName: packageName() });
      const found = result.found && { entry: result.found.candidate.file, via: result.found.via, how: result.found.how };
      const region = result.region ? { region: result.region.region, from: result.region.source } : null;
      if (globals.json) return void console.log(JSON.stringify({ file: result.file, app: result.app, ...(found ? { found } : {}), region }));
      if (found) console.log(`found ${found.entry} (${found.via}): ${found.how}`);
      if (region) console.log(`region ${region.region} (from ${region.from})`);
      else console.log(`no AWS region found, so zap.json names none: ${HOW_TO_SET_REGION}`);
      console.log(`wrote ${result.file} (app: ${result.app}; stages: dev, prod)`);
      console.log('next: zap deploy dev   (or zap local to try it in the embedded emulator)');
    });
}
