/** An error the emulator answers the way AWS would: the code becomes the SDK's exception class. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Extra members some errors carry (e.g. Lambda's TooManyRequestsException Reason). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = code;
  }

  /** AWS's fault side: "Sender"/"User" for 4xx, "Receiver"/"Service" for 5xx. */
  get isServerFault(): boolean {
    return this.status >= 500;
  }
}

export const notFound = (message: string) => new AwsError('ResourceNotFoundException', message, 404);
export const conflict = (message: string) => new AwsError('ResourceConflictException', message, 409);
export const invalidParam = (message: string) => new AwsError('InvalidParameterValueException', message, 400);

/** Smithy's constraint message, as AWS services word it. */
export function validation(field: string, value: unknown, constraint: string): AwsError {
  return new AwsError(
    'ValidationException',
    `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${constraint}`,
  );
}
