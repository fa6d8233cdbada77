import { createLogGroup, getLogGroup, putRetention } from '../../aws/logs';
import { type DeployContext, unchanged, write } from '../context';
import { ownershipTags } from '../../contracts/names';

/** The log group, made up front so it carries zap's tags and the retention asked for. */
export async function ensureLogGroup(ctx: DeployContext): Promise<{ changed: boolean }> {
  const { clients, names: n, settings } = ctx;
  const group = await getLogGroup(clients, n.logGroup);
  if (!group) await write(ctx, 'logs', `create ${n.logGroup}`, () => createLogGroup(clients, n.logGroup, { ...settings.tags, ...ownershipTags(n) }));
  const days = settings.log_retention_days;
  const retention = days !== undefined && group?.retentionInDays !== days;
  if (retention) {
    await write(ctx, 'logs', `keep logs ${days} days`, () => putRetention(clients, n.logGroup, days));
  } else if (group) unchanged(ctx, 'logs', n.logGroup);
  return { changed: !group || retention };
}
