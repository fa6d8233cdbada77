/**
 * zap's layering (docs/architecture.md "Folders and what each may import"), checked by
 * test/architecture/layering.test.ts in `npm test`. Each folder names the folders it may import;
 * every arrow points down the list below, so no two folders can form a cycle:
 *
 *   cli → tune → deploy, observe, init → package → aws → settings → core → contracts, util, cost
 *   runtime → contracts          emulator → contracts, util (only `zap local` / `zap emulator` start it)
 */

/** A rule: files under src/<folder>/ import nothing in src/ outside their own folder and `may`. */
function layer(name, folder, may, comment) {
  const allowed = [folder, ...may].join('|');
  return {
    name,
    comment,
    severity: 'error',
    from: { path: `^src/${folder}/` },
    to: { path: '^src/', pathNot: `^src/(${allowed})/` },
  };
}

const BELOW_COMMANDS = ['aws', 'settings', 'core', 'contracts', 'util', 'cost'];

module.exports = {
  forbidden: [
    {
      name: 'contracts-depend-on-nothing',
      comment: 'Both sides of every wire import src/contracts, so it imports nothing but itself and node builtins.',
      severity: 'error',
      from: { path: '^src/contracts/' },
      to: { pathNot: '^src/contracts/', dependencyTypesNot: ['core'] },
    },
    layer('util-imports-nothing', 'util', [], 'Small helpers with no knowledge of zap.'),
    layer('cost-imports-contracts', 'cost', ['contracts'], "Lambda's prices and the bill as pure arithmetic (the keep-warm hold it estimates with is the runtime's contract): priced by status, deploy --plan and tune alike."),
    layer('core-imports-contracts-util', 'core', ['contracts', 'util'], 'Errors and the reporter, used by every layer above.'),
    layer('settings-imports-core-contracts-util', 'settings', ['core', 'contracts', 'util', 'cost'], 'zap.json to StageSettings: no AWS, no packaging.'),
    layer('aws-imports-settings-core-contracts-util', 'aws', ['settings', 'core', 'contracts', 'util'], 'The one AWS layer: called by the steps, never calls them.'),
    layer('package-imports-below-commands', 'package', BELOW_COMMANDS, 'The packager; deploy and init may use it, it uses neither.'),
    layer('deploy-imports-package-and-below', 'deploy', ['package', ...BELOW_COMMANDS], 'Deploy steps: package, then AWS calls.'),
    layer('init-imports-package-and-below', 'init', ['package', ...BELOW_COMMANDS], '`zap init` writes zap.json.'),
    layer('tune-imports-deploy-observe-and-below', 'tune', ['deploy', 'observe', 'package', ...BELOW_COMMANDS], '`zap tune` measures the deployed function; deploy and observe never import it.'),
    layer('observe-imports-below-commands', 'observe', BELOW_COMMANDS, 'status and tail read logs; they find resources by name, not through deploy.'),
    layer('runtime-imports-only-contracts', 'runtime', ['contracts'], 'The code inside the artifact: the contracts are all it shares with the CLI.'),
    layer('emulator-imports-contracts-util', 'emulator', ['contracts', 'util'], 'The embedded AWS: a stand-in for AWS, so it knows nothing of how zap deploys.'),
    {
      name: 'runtime-npm-deps',
      comment: 'The artifact carries serverless-express (in the app bundle); Lambda provides the AWS SDK (and its HTTP handler). Nothing else.',
      severity: 'error',
      from: { path: '^src/runtime/' },
      to: {
        dependencyTypesNot: ['core', 'local'],
        pathNot: 'node_modules/(@codegenie/serverless-express|@aws-sdk/client-(lambda|ssm|secrets-manager)|@smithy/node-http-handler|@types/aws-lambda)/',
      },
    },
    {
      name: 'only-local-and-emulator-commands-start-the-emulator',
      comment: 'The product never runs on the emulator by accident: only `zap local` and `zap emulator` import it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(emulator/|cli/local\\.ts$|cli/commands/emulator\\.ts$)' },
      to: { path: '^src/emulator/' },
    },
    {
      name: 'no-circular',
      comment: 'No file cycles: a cycle makes load order matter and hides which side owns an idea.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.md$' },
    // import type counts: a type-only import still ties one folder's code to another's.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
