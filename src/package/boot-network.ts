/** The boot check's words for an app that waited to listen() on services it could not reach (src/runtime/boot-network.ts). */
export function unreachedWarning(unreached: string[], stage: string): string {
  const shown = unreached.slice(0, 3).join(', ') + (unreached.length > 3 ? ` and ${unreached.length - 3} more` : '');
  return (
    `the app did not listen() at package time: it was trying to reach ${shown}, which this machine could not reach, ` +
    `so zap could not check its boot: on Lambda the function must reach it (its address in "environment_variables", "vpc_config" for a private network, stage '${stage}')`
  );
}
