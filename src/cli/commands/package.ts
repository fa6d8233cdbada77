import type { Command } from 'commander';

function kb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} kB`;
}

export function registerPackage(program: Command): void {
  program
    .command('package')
    .argument('[stage]', 'the stage in zap.json (default: the only stage, else dev)')
    .description('bundle the app and write the deterministic zip that deploy uploads')
    .option('--out <path>', 'where to write the zip: a .zip file or a folder (default: .zap/<stage>/)')
    .option('--no-verify', 'skip booting the bundle once to check that it serves an app')
    .option('--no-package-cache', 'build again even when nothing changed since the last package (ZAP_PACKAGE_CACHE=0 does it everywhere)')
    .action(async (stage: string | undefined, opts: { out?: string; verify: boolean; packageCache: boolean }) => {
      const { defaultStage, loadStage } = await import('../../settings/index');
      const { packageApp, formatLine } = await import('../../package/index');
      const globals = program.opts<{ json?: boolean }>();
      const settings = await loadStage(process.cwd(), stage ?? (await defaultStage(process.cwd())));
      const r = await packageApp(process.cwd(), settings, { out: opts.out, verify: opts.verify, cache: opts.packageCache });
      if (globals.json) {
        const { artifact, bytes, sha256, handler, bundle, run_time_files, biggest, warnings, notes, app_boot, tasks, compile_cache, duration_ms, package_cache } = r;
        return void console.log(JSON.stringify({ artifact, bytes, sha256, handler, bundle, files: r.files.length, run_time_files, biggest, warnings, notes, app_boot, tasks, compile_cache, duration_ms, package_cache }));
      }
      console.log(`packaged ${settings.stage}: ${r.artifact}`);
      console.log(`  ${kb(r.bytes)} zipped, ${r.files.length} files, bundle ${r.bundle.path} ${kb(r.bundle.bytes)}, in ${r.duration_ms} ms`);
      console.log(`  sha256 ${r.sha256}`);
      console.log(`  package: ${r.package_cache.detail}`);
      if (r.app_boot) console.log(`  app: ${r.app_boot}`);
      if (r.tasks) console.log(`  tasks: ${r.tasks.join(', ')} (zap-tasks.cjs)`);
      if (r.run_time_files.length) console.log('  run-time files:');
      for (const l of r.run_time_files) console.log(`    ${formatLine(l)}`);
      console.log('  biggest in the bundle:');
      for (const c of r.biggest) console.log(`    ${kb(c.bytes).padStart(9)}  ${c.name}`);
      for (const n of r.notes) console.log(`  note: ${n}`);
      for (const w of r.warnings) console.log(`  warning: ${w}`);
    });
}
