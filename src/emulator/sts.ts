import type { Ctx } from './context';

export const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** The caller is always the emulated account's root user. */
export function stsAction(action: string): ((ctx: Ctx) => unknown) | undefined {
  if (action !== 'GetCallerIdentity') return undefined;
  return (ctx) => ({ UserId: ctx.accountId, Account: ctx.accountId, Arn: `arn:aws:iam::${ctx.accountId}:root` });
}
