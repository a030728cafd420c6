import { type DomainError, type ErrorCode } from '../shared/domain-error';

/** Failures worth another attempt: the node may succeed once a dependency answers again. */
export const TRANSIENT_ERROR_CODES: readonly ErrorCode[] = ['unavailable', 'upstream'];

export const isTransient = (error: DomainError): boolean => TRANSIENT_ERROR_CODES.includes(error.code);

/** No retry waits longer than this, whatever the attempt. */
export const MAX_RETRY_DELAY_MS = 5 * 60 * 1000;

/**
 * The wait before the attempt after `attempt` (1-based): `baseMs × 2^(attempt-1)`, capped, with
 * "equal jitter" (half fixed, half random) so nodes that failed together do not retry together.
 * `jitter` is a number in [0, 1).
 */
export function retryDelayMs(attempt: number, baseMs: number, jitter: number): number {
  const exponential = Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * Math.min(Math.max(jitter, 0), 1));
}
