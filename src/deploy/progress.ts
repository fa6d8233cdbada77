import { UserError } from '../core/errors';

/**
 * Where a deploy is, so that a Ctrl-C can say it. A signal only raises `stop`: the step (and the
 * AWS call) in flight finishes, and the deploy stops before the next one. Every step is an
 * idempotent "ensure", so running the same command again finishes the job.
 */
export const DEPLOY_STEPS = ['package', 'log group', 'role', 'function', 'compile cache', 'version', 'prewarm', 'alias live', 'http entry', 'keep-warm rule', 'tasks', 'prune'] as const;
export type DeployStep = (typeof DEPLOY_STEPS)[number];

export const INTERRUPT_EXIT_CODE = 130;

export interface StopFlag {
  signal?: string;
}

export class Interrupted extends UserError {
  constructor(readonly signal: string, readonly done: string[], readonly remaining: string[], command: string) {
    super(
      [
        `stopped by ${signal} once the AWS call in flight had finished; traffic moves only at step "alias live"`,
        `  done:      ${done.join(', ') || 'nothing'}`,
        `  remaining: ${remaining.join(', ') || 'nothing'}`,
        `run \`${command}\` again to finish the job`,
      ].join('\n'),
      INTERRUPT_EXIT_CODE,
    );
    this.name = 'Interrupted';
  }
}

export class Progress {
  readonly done: DeployStep[] = [];

  constructor(
    private readonly stop: StopFlag,
    private readonly command: string,
  ) {}

  /** Throws Interrupted when a stop was asked for; call between AWS calls. */
  check(current?: DeployStep): void {
    if (!this.stop.signal) return;
    const remaining = DEPLOY_STEPS.filter((s) => !this.done.includes(s) || s === current);
    throw new Interrupted(this.stop.signal, this.done.filter((s) => s !== current), remaining, this.command);
  }

  async run<T>(step: DeployStep, fn: () => Promise<T>): Promise<T> {
    this.check(step);
    const out = await fn();
    this.done.push(step);
    return out;
  }

  /** A step that does not apply this time (e.g. prewarm when the version is already live). */
  skip(step: DeployStep): void {
    this.done.push(step);
  }
}
