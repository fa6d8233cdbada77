/**
 * The names and tags of what zap makes: deploy creates them, and status, tail, invoke, rollback and
 * undeploy find the same resources again from zap.json alone.
 */

export const ALIAS = 'live';
export const KEEP_WARM_TARGET_ID = 'zap-keep-warm';
/** Statement ids of the function policy on alias `live`. */
export const SID = { url: 'zap-url', urlInvoke: 'zap-url-invoke', keepWarm: 'zap-keep-warm', apiGateway: 'zap-api-gateway' } as const;

export interface Names {
  project: string;
  stage: string;
  function: string;
  role: string;
  rule: string;
  logGroup: string;
  /** Exists while a deploy, update, rollback or undeploy of the stage runs: its lock (src/deploy/lock.ts). */
  lockGroup: string;
  rolePolicy: string;
}

/** Every name zap gives what it makes, from `<project>-<stage>`: found again by name, never stored. */
export function namesFor(s: { project_name: string; stage: string }): Names {
  // Never shortened: two stages would share one function. Settings refuse a name over 64 (src/settings/aws-rules.ts).
  const fn = `${s.project_name}-${s.stage}`;
  return {
    project: s.project_name,
    stage: s.stage,
    function: fn,
    role: `${fn}-role`.slice(0, 64),
    rule: `${fn}-keep-warm`.slice(0, 64),
    logGroup: `/aws/lambda/${fn}`,
    lockGroup: `/zap/lock/${fn}`,
    rolePolicy: 'zap-function',
  };
}

/** The tags that mark a resource as made by zap for this project and stage. */
/** The tags that mark what zap made for a project and stage. */
export const OWNERSHIP_TAG_KEYS = ['zap:project', 'zap:stage'] as const;

export function ownershipTags(n: Names): Record<string, string> {
  const [project, stage] = OWNERSHIP_TAG_KEYS;
  return { [project]: n.project, [stage]: n.stage };
}

/** A resource zap may change or delete: tagged by zap for this very project and stage. */
export function isOwnedBy(tags: Record<string, string> | undefined, n: Names): boolean {
  return tags?.['zap:project'] === n.project && tags?.['zap:stage'] === n.stage;
}
