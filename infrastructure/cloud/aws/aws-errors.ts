import { DomainError } from '../../../domain/shared/domain-error';
import { type Result, err } from '../../../domain/shared/result';

/**
 * Error codes (the SDK puts them in `name`) that mean the credentials are wrong, expired, or lack
 * the permission. EC2 answers AuthFailure / UnauthorizedOperation; the JSON services (Cost
 * Explorer) answer UnrecognizedClientException / AccessDeniedException.
 */
const AUTH_CODES = new Set([
  'AuthFailure',
  'UnauthorizedOperation',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'InvalidAccessKeyId',
  'UnrecognizedClientException',
  'AccessDeniedException',
  'AccessDenied',
  'ExpiredToken',
  'ExpiredTokenException',
  'Blocked',
]);

const NOT_FOUND_CODES = new Set(['InvalidInstanceID.NotFound']);

/** The instance exists but its state (or termination protection) forbids the call. */
const CONFLICT_CODES = new Set(['IncorrectInstanceState', 'IncorrectState', 'OperationNotPermitted']);

/** Throttling, capacity and "try later" answers: the fault is on AWS's side of the wire. */
const UNAVAILABLE_CODES = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'LimitExceededException',
  'RequestThrottled',
  'SlowDown',
  'InsufficientInstanceCapacity',
  'ServiceUnavailable',
  'Unavailable',
  'InternalError',
  'InternalFailure',
  'DataUnavailableException',
]);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

interface SdkErrorLike {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly code?: unknown;
  readonly $fault?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

type Mapped = Pick<DomainError, 'code' | 'message' | 'reason'>;

/**
 * Turns whatever an AWS SDK call threw into the port's error vocabulary. `secrets` are masked out
 * of every message, in case a service or a network error ever echoes one back.
 */
export function awsError(error: unknown, secrets: readonly string[]): DomainError {
  const mapped = classify(error);
  return new DomainError(mapped.code, redact(mapped.message, secrets), mapped.reason);
}

/** `awsError` as a failed Result, for `catch` blocks. */
export function awsFailure(error: unknown, secrets: readonly string[]): Result<never> {
  return err(awsError(error, secrets));
}

/** The AWS error code of an SDK error (`AuthFailure`, `AccessDeniedException`…), if it is one. */
export function awsErrorCode(error: unknown): string | null {
  const e = error as SdkErrorLike | null;
  return typeof e === 'object' && e !== null && typeof e.name === 'string' && e.$metadata ? e.name : null;
}

function classify(error: unknown): Mapped {
  const e = (
    typeof error === 'object' && error !== null ? error : { message: String(error) }
  ) as SdkErrorLike;
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const message = typeof e.message === 'string' ? firstLine(e.message) : 'no detail given';
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : null;
  const detail = `${message} (${name})`;
  if (AUTH_CODES.has(name)) return authFailed(detail);
  if (NOT_FOUND_CODES.has(name)) {
    return {
      code: 'not_found',
      message: `AWS found no such instance: ${detail}`,
      reason: 'provider_not_found',
    };
  }
  if (CONFLICT_CODES.has(name)) {
    return { code: 'conflict', message: `AWS refused the operation: ${detail}`, reason: 'provider_rejected' };
  }
  if (UNAVAILABLE_CODES.has(name)) return unavailable(`AWS is unavailable or throttling: ${detail}`);
  if (name === 'TimeoutError' || name === 'AbortError') return unavailable('AWS did not answer in time');
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) {
    return unavailable(`AWS could not be reached: ${e.code}`);
  }
  if (status === 401 || status === 403) return authFailed(detail);
  if (status === 429 || (status !== null && status >= 500) || e.$fault === 'server') {
    return unavailable(`AWS is unavailable: ${detail}`);
  }
  if (status !== null && status >= 400) {
    return {
      code: 'unprocessable',
      message: `AWS rejected the request: ${detail}`,
      reason: 'provider_rejected',
    };
  }
  // Anything else came out of an SDK call (a malformed body, a dropped socket): the far side's problem.
  return unavailable(`AWS request failed: ${detail}`);
}

function authFailed(detail: string): Mapped {
  return {
    code: 'unprocessable',
    message: `AWS rejected the credentials: ${detail}`,
    reason: 'provider_auth_failed',
  };
}

function unavailable(message: string): Mapped {
  return { code: 'upstream', message, reason: 'provider_unavailable' };
}

/** EC2 appends a long encoded authorization blob to UnauthorizedOperation; it helps nobody here. */
function firstLine(message: string): string {
  const line = message.split(/\r?\n/)[0]?.trim() ?? '';
  const short = line.replace(/\s*Encoded authorization failure message:.*$/, '');
  return (short.length > 300 ? `${short.slice(0, 300)}…` : short) || 'no detail given';
}

function redact(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('****');
  }
  return out;
}
