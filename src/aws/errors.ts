import { UserError } from '../core/errors';

/** The error name the SDK gives a service exception (ResourceNotFoundException, NoSuchEntity…). */
export function errorName(err: unknown): string {
  return typeof err === 'object' && err !== null && 'name' in err ? String((err as { name: unknown }).name) : '';
}

/** A missing resource, in any of the services' spellings. */
export function isNotFound(err: unknown): boolean {
  return /^(ResourceNotFoundException|NoSuchEntity(Exception)?|ResourceNotFound|NotFoundException)$/.test(errorName(err));
}

/** The caller's credentials lack permission for the call. */
export function isAccessDenied(err: unknown): boolean {
  return /^(AccessDenied(Exception)?|UnauthorizedOperation|AuthorizationError)$/.test(errorName(err));
}

/** Lambda is still applying an earlier update; waiting and retrying is the fix. */
export function isConflict(err: unknown): boolean {
  return errorName(err) === 'ResourceConflictException';
}

/** A role created seconds ago is not yet assumable by Lambda (IAM is eventually consistent). */
export function isRoleNotReady(err: unknown): boolean {
  return errorName(err) === 'InvalidParameterValueException' && /cannot be assumed|role defined for the function/i.test(String((err as Error).message));
}

/** Throttled or a passing fault on AWS's side: worth a bounded retry. */
export function isTransient(err: unknown): boolean {
  const e = err as { $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  return /^(TooManyRequestsException|ThrottlingException|ServiceException|ServiceUnavailable.*|InternalFailure|Throttling)$/.test(errorName(err)) || (e?.$metadata?.httpStatusCode ?? 0) >= 500;
}

/** Turns AWS errors into one message a person can act on; anything else passes through. */
export function explainAwsError(err: unknown, operation: string): unknown {
  const name = errorName(err);
  const message = String((err as Error)?.message ?? err);
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
    return new UserError('no AWS credentials found: set AWS_PROFILE (or pass --profile), run `aws configure`, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. To try zap without an account, run `zap local`');
  }
  if (isAccessDenied(err) || /not authorized to perform/i.test(message)) {
    const action = /perform: ([\w:]+)/.exec(message)?.[1];
    return new UserError(`AWS refused ${operation}${action ? `: your credentials lack permission for ${action}` : ''}. Grant it to your user or role, then run the command again.\n  (${message})`);
  }
  if (/^(InvalidClientTokenId|UnrecognizedClientException|SignatureDoesNotMatch|ExpiredToken(Exception)?)$/.test(name)) {
    return new UserError(`AWS did not accept your credentials (${name}) during ${operation}: check AWS_PROFILE or your access keys; an expired session needs a new login`);
  }
  const code = (err as { code?: string })?.code;
  if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(message)) {
    return new UserError(`cannot reach the AWS endpoint during ${operation} (${message}). If AWS_ENDPOINT_URL points at an emulator, is it running? (zap emulator / zap local)`);
  }
  if (err instanceof Error && name && /Exception$|^NoSuchEntity|^EntityAlreadyExists|^LimitExceeded/.test(name)) {
    return new UserError(`AWS ${operation} failed: ${name}: ${message}`);
  }
  return err;
}
