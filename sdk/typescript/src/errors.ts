/** RFC 9457 problem details, as the Cockpit API returns them. */
export interface Problem {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly [member: string]: unknown;
}

/** Base class of every error this SDK throws. */
export class CockpitError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The API answered with an error status: a 4xx other than 429 (never retried), or a retryable
 * status that persisted through every retry.
 */
export class CockpitApiError extends CockpitError {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly problem: Problem | null,
    readonly attempts: number,
  ) {
    super(
      `${method} ${path} answered ${status}${problem?.detail ? `: ${problem.detail}` : problem?.title ? `: ${problem.title}` : ''}`,
    );
  }

  /** The problem type's last segment, e.g. "validation" for https://cockpit.dev/problems/validation. */
  get problemType(): string | undefined {
    return this.problem?.type?.split('/').pop();
  }
}

/** The server could not be reached (connection refused or reset, DNS, timeout) through every retry. */
export class CockpitNetworkError extends CockpitError {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(`${method} ${path} failed after ${attempts} attempt(s): ${describe(cause)}`, { cause });
  }
}

/** The server refused a step of a batch (the rest of the batch was stored). */
export class StepRejectedError extends CockpitError {
  constructor(
    readonly runId: string,
    readonly stepId: string | null,
    readonly status: number,
    readonly detail: unknown,
  ) {
    super(`run ${runId}: step ${stepId ?? '?'} was refused (${status})${detailText(detail)}`);
  }
}

/** A gated tool call did not run. Every gate outcome other than "run the tool" is one of these. */
export class GateError extends CockpitError {
  constructor(
    message: string,
    readonly tool: string,
    readonly stepId: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A policy blocks the call. */
export class BlockedError extends GateError {
  constructor(
    tool: string,
    stepId: string,
    readonly reasons: readonly string[],
    readonly policyVersion: unknown,
  ) {
    super(`${tool} is blocked by policy${reasons.length ? `: ${reasons.join('; ')}` : ''}`, tool, stepId);
  }
}

/** A human denied the approval the call needed. */
export class DeniedError extends GateError {
  constructor(
    tool: string,
    stepId: string,
    readonly approvalId: string,
    readonly reason: string | null,
    readonly decidedBy: unknown,
  ) {
    super(`${tool} was denied${reason ? `: ${reason}` : ''}`, tool, stepId);
  }
}

/** No decision before the gate's timeout, or the approval expired on the server. */
export class ApprovalTimeoutError extends GateError {
  constructor(
    tool: string,
    stepId: string,
    readonly approvalId: string | null,
    readonly timeoutMs: number,
    readonly expired: boolean,
  ) {
    super(
      expired
        ? `the approval for ${tool} expired before anyone decided`
        : `no approval decision for ${tool} within ${timeoutMs} ms`,
      tool,
      stepId,
    );
  }
}

/** The caller's AbortSignal fired before the tool ran. */
export class GateAbortedError extends GateError {
  constructor(tool: string, stepId: string, reason: unknown) {
    super(`the gated call to ${tool} was aborted`, tool, stepId, { cause: reason });
  }
}

/** The server answered something the protocol does not allow (no token on allow, say): fail closed. */
export class GateProtocolError extends GateError {}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error.cause as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}

function detailText(detail: unknown): string {
  if (!detail) return '';
  if (typeof detail === 'string') return `: ${detail}`;
  const { message, detail: text } = detail as { message?: unknown; detail?: unknown };
  return typeof message === 'string' ? `: ${message}` : typeof text === 'string' ? `: ${text}` : '';
}
