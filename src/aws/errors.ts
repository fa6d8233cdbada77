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

/**
 * An error AWS's service sent back (the SDK's ServiceException shape: $metadata and $fault), as
 * opposed to one thrown on this machine, which is a bug or a network fault.
 */
export function isServiceError(err: unknown): err is Error & { $fault: 'client' | 'server'; $metadata: { httpStatusCode?: number } } {
  const e = err as { $fault?: unknown; $metadata?: unknown } | null;
  return err instanceof Error && typeof e?.$metadata === 'object' && (e.$fault === 'client' || e.$fault === 'server');
}

/** What to try, by AWS's error code. */
function hintFor(err: Error & { $fault: string }, name: string): string {
  if (err.$fault === 'server' || isTransient(err)) return 'a passing fault or throttling on AWS\'s side: wait a minute and run the same command again (it is safe to repeat)';
  if (isConflict(err)) return 'another change to this function is under way (another deploy?): wait for it to finish and run the command again';
  if (isNotFound(err)) return 'it was removed or never made: `zap status` shows what exists, and `zap deploy` makes what is missing';
  if (/LimitExceeded|QuotaExceeded|TooManyTags|CodeStorageExceeded/.test(name)) return 'an account limit was reached: remove what is no longer used, or ask AWS for a higher quota in the Service Quotas console';
  if (/Validation|InvalidParameter|InvalidInput|MalformedPolicy|BadRequest/.test(name)) return 'AWS refused a value zap sent: check that stage in zap.json, run again with --verbose to see each call, and report it if zap should have caught it first';
  return 'run again with --verbose to see each AWS call';
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Turns AWS errors into one line a person can act on; anything else passes through (it is a bug). */
export function explainAwsError(err: unknown, operation: string): unknown {
  const name = errorName(err);
  const message = oneLine(String((err as Error)?.message ?? err));
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
    return new UserError('no AWS credentials found: set AWS_PROFILE (or pass --profile), run `aws configure`, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. To try zap without an account, run `zap local`');
  }
  if (isAccessDenied(err) || /not authorized to perform/i.test(message)) {
    const action = /perform: ([\w:]+)/.exec(message)?.[1];
    return new UserError(`AWS refused ${operation}${action ? `: your credentials lack permission for ${action}` : ''}. Grant it to your user or role, then run the command again (${message})`);
  }
  if (/^(InvalidClientTokenId|UnrecognizedClientException|SignatureDoesNotMatch|ExpiredToken(Exception)?)$/.test(name)) {
    return new UserError(`AWS did not accept your credentials (${name}) during ${operation}: check AWS_PROFILE or your access keys; an expired session needs a new login`);
  }
  const code = (err as { code?: string })?.code;
  if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(message)) {
    return new UserError(`cannot reach the AWS endpoint during ${operation} (${message}). If AWS_ENDPOINT_URL points at an emulator, is it running? (zap emulator / zap local)`);
  }
  if (isServiceError(err)) return withCause(new UserError(`AWS ${operation} failed: ${name}: ${message}; ${hintFor(err, name)}`), err);
  return err;
}

/** The original error rides along, so --verbose can still print AWS's stack. */
function withCause(e: UserError, cause: unknown): UserError {
  (e as { cause?: unknown }).cause = cause;
  return e;
}
