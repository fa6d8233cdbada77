import { deleteRule, getRule, putRule, putTarget } from '../../aws/events';
import { addPermission, getPolicyStatements, removePermission } from '../../aws/lambda-access';
import { UserError } from '../../core/errors';
import { type DeployContext, unchanged, write } from '../context';
import { keepWarmEvent } from '../desired';
import { ALIAS, KEEP_WARM_TARGET_ID, SID, isOwnedBy, ownershipTags } from '../../contracts/names';

export interface KeepWarmOutcome {
  changed: boolean;
}

/** The EventBridge rule that sends the keep-warm event to alias `live`; removed when keep_warm is off. */
export async function ensureKeepWarm(ctx: DeployContext, aliasArn: string): Promise<KeepWarmOutcome> {
  const { clients, names: n, settings } = ctx;
  const rule = await getRule(clients, n.rule);
  if (rule && !isOwnedBy(rule.tags, n)) {
    throw new UserError(`an EventBridge rule named ${n.rule} exists but was not made by zap for ${n.project}/${n.stage}; zap will not adopt it. Delete or rename it`);
  }
  if (settings.keep_warm === 0) {
    if (rule) {
      await write(ctx, 'keep-warm', `remove rule ${n.rule} (keep_warm is off)`, async () => {
        await deleteRule(clients, n.rule);
        await removePermission(clients, n.function, SID.keepWarm, ALIAS);
      });
    } else unchanged(ctx, 'keep-warm', 'off');
    return { changed: rule !== undefined };
  }
  const input = JSON.stringify(keepWarmEvent(settings.keep_warm));
  const expr = settings.keep_warm_expression;
  let ruleArn = rule?.arn;
  let changed = false;
  if (!rule || rule.scheduleExpression !== expr || rule.state !== 'ENABLED') {
    ruleArn = await write(ctx, 'keep-warm', `${rule ? 'update' : 'create'} rule ${n.rule}: ${expr}`, () =>
      putRule(clients, n.rule, expr, `zap keep-warm for ${n.function}: ${settings.keep_warm} container(s)`, { ...settings.tags, ...ownershipTags(n) }),
    );
    changed = true;
  }
  const target = rule?.targets.find((t) => t.Id === KEEP_WARM_TARGET_ID);
  if (!target || target.Arn !== aliasArn || target.Input !== input) {
    await write(ctx, 'keep-warm', `target ${ALIAS} with ${input}`, () => putTarget(clients, n.rule, { Id: KEEP_WARM_TARGET_ID, Arn: aliasArn, Input: input }));
    changed = true;
  }
  const statements = await getPolicyStatements(clients, n.function, ALIAS);
  if (!statements.some((s) => s.Sid === SID.keepWarm)) {
    await write(ctx, 'keep-warm', 'allow EventBridge to invoke the function', () =>
      addPermission(clients, { FunctionName: n.function, Qualifier: ALIAS, StatementId: SID.keepWarm, Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: ruleArn }),
    );
    changed = true;
  }
  if (rule && !changed) unchanged(ctx, 'keep-warm', `${settings.keep_warm} container(s), ${expr}`);
  return { changed };
}
