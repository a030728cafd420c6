import { type ErrorCode } from '../../domain/shared/domain-error';
import { type Result } from '../../domain/shared/result';

/** Matches a failed Result with this code (and reason, when given). */
export function failure(code: ErrorCode, reason?: string): unknown {
  return { ok: false, error: expect.objectContaining(reason === undefined ? { code } : { code, reason }) };
}

/** The value of a successful Result; fails the test with the error otherwise. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) {
    const { code, reason, message } = result.error;
    throw new Error(`expected success, got ${code}${reason ? ` (${reason})` : ''}: ${message}`);
  }
  return result.value;
}
