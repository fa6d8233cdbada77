// Resource-policy statements in the shape Lambda's GetPolicy returns, and the checks the
// emulator makes with them (Function URL auth, EventBridge targets).

export interface PermissionInput {
  StatementId: string;
  Action: string;
  Principal: string;
  SourceArn?: string;
  SourceAccount?: string;
  EventSourceToken?: string;
  PrincipalOrgID?: string;
  FunctionUrlAuthType?: string;
  InvokedViaFunctionUrl?: boolean;
}

function principalOf(p: string): unknown {
  if (p === '*') return '*';
  if (/^\d{12}$/.test(p)) return { AWS: `arn:aws:iam::${p}:root` };
  if (p.startsWith('arn:')) return { AWS: p };
  return { Service: p };
}

/** AddPermission's input as a policy statement, as Lambda writes it. */
export function buildStatement(input: PermissionInput, resource: string): Record<string, any> {
  const cond: Record<string, Record<string, string>> = {};
  const put = (op: string, key: string, value: string) => ((cond[op] ??= {})[key] = value);
  if (input.SourceAccount) put('StringEquals', 'AWS:SourceAccount', input.SourceAccount);
  if (input.PrincipalOrgID) put('StringEquals', 'aws:PrincipalOrgID', input.PrincipalOrgID);
  if (input.EventSourceToken) put('StringEquals', 'lambda:EventSourceToken', input.EventSourceToken);
  if (input.FunctionUrlAuthType) put('StringEquals', 'lambda:FunctionUrlAuthType', input.FunctionUrlAuthType);
  if (input.InvokedViaFunctionUrl !== undefined) put('Bool', 'lambda:InvokedViaFunctionUrl', String(input.InvokedViaFunctionUrl));
  if (input.SourceArn) put('ArnLike', 'AWS:SourceArn', input.SourceArn);
  const action = input.Action.startsWith('lambda:') || input.Action === '*' ? input.Action : `lambda:${input.Action}`;
  return {
    Sid: input.StatementId,
    Effect: 'Allow',
    Principal: principalOf(input.Principal),
    Action: action,
    Resource: resource,
    ...(Object.keys(cond).length ? { Condition: cond } : {}),
  };
}

export function policyDocument(statements: Record<string, any>[]): string {
  return JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: statements });
}

/** IAM-style wildcard match (* and ?), used by ArnLike and StringLike. */
export function wildcardMatch(pattern: string, value: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(value);
}

export interface RequestContext {
  action: string;
  principal: { service?: string; anonymous?: boolean };
  /** Condition keys and their values for this request, e.g. { 'AWS:SourceArn': '…' }. */
  keys: Record<string, string>;
}

function actionMatches(action: unknown, wanted: string): boolean {
  const list = Array.isArray(action) ? action : [action];
  return list.some((a) => typeof a === 'string' && (a === '*' || a === 'lambda:*' || a === wanted));
}

function principalMatches(p: any, ctx: RequestContext): boolean {
  if (p === '*' || p?.AWS === '*') return true;
  if (ctx.principal.service && p?.Service) {
    return (Array.isArray(p.Service) ? p.Service : [p.Service]).includes(ctx.principal.service);
  }
  return false;
}

function conditionHolds(cond: Record<string, Record<string, string>> | undefined, keys: Record<string, string>): boolean {
  for (const [op, pairs] of Object.entries(cond ?? {})) {
    for (const [key, expected] of Object.entries(pairs)) {
      const actual = Object.entries(keys).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
      if (actual === undefined) return false;
      const values = Array.isArray(expected) ? expected : [expected];
      const ok = values.some((e: string) => {
        if (op === 'StringEquals' || op === 'ArnEquals') return e === actual;
        if (op === 'Bool') return String(e).toLowerCase() === actual.toLowerCase();
        if (op === 'ArnLike' || op === 'StringLike') return wildcardMatch(e, actual);
        return false;
      });
      if (!ok) return false;
    }
  }
  return true;
}

/** Whether some Allow statement grants this request (Deny statements are not modelled). */
export function allows(statements: Record<string, any>[], ctx: RequestContext): boolean {
  return statements.some(
    (s) =>
      s.Effect === 'Allow' &&
      actionMatches(s.Action, ctx.action) &&
      principalMatches(s.Principal, ctx) &&
      conditionHolds(s.Condition, ctx.keys),
  );
}
