/** A mistake the user can fix: printed as one clear message, never with a stack. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** Bad settings: one line per problem, exit code 2, raised before any AWS call. */
export class SettingsError extends UserError {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'), 2);
    this.name = 'SettingsError';
  }
}

export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}
