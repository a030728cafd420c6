import { DomainError } from '../../../domain/shared/domain-error';
import { type Result, err } from '../../../domain/shared/result';
import { AzureTokenError } from './azure-credential';

/** What the SDKs throw: `RestError` from core-rest-pipeline or ts-http-runtime, checked by shape. */
interface RestErrorLike {
  readonly name: 'RestError';
  readonly message: string;
  readonly statusCode?: number;
  readonly code?: string;
}

function isRestError(error: unknown): error is RestErrorLike {
  return error instanceof Error && error.name === 'RestError';
}

/**
 * Paged calls of @azure/arm-compute throw `Pagination failed with unexpected statusCode 403` and
 * drop ARM's explanation (which permission is missing, what is throttled). A pipeline policy feeds
 * every failed response through `observe`, so that the explanation can be put back.
 */
export class ArmFailureRecorder {
  private last: { readonly status: number; readonly message: string } | null = null;

  observe<R extends { readonly status: number; readonly bodyAsText?: string | null }>(response: R): R {
    if (response.status >= 400 && response.bodyAsText) {
      try {
        const body = JSON.parse(response.bodyAsText) as { error?: { message?: unknown } };
        if (typeof body.error?.message === 'string') {
          this.last = { status: response.status, message: body.error.message };
        }
      } catch {
        // Not ARM's JSON error shape: the SDK's own message stands.
      }
    }
    return response;
  }

  /** ARM's message for the last failure with this status, if one was seen. */
  messageFor(status: number | undefined): string | undefined {
    return this.last !== null && this.last.status === status ? this.last.message : undefined;
  }
}

/** Codes ARM sends with 409 (and sometimes 400) when the resource's current state forbids the call. */
const CONFLICT_CODES = new Set(['Conflict', 'OperationNotAllowed', 'OperationPreempted']);

/**
 * Turns whatever an Azure call threw into the port's error vocabulary, as a failed Result. `secrets` are masked out of
 * every message, in case a service ever echoes one back.
 */
function azureError(error: unknown, secrets: readonly string[], recorder?: ArmFailureRecorder): DomainError {
  const mapped = classify(error, recorder);
  return new DomainError(mapped.code, redact(mapped.message, secrets), mapped.reason);
}

export function azureFailure(
  error: unknown,
  secrets: readonly string[],
  recorder?: ArmFailureRecorder,
): Result<never> {
  return err(azureError(error, secrets, recorder));
}

function classify(
  error: unknown,
  recorder: ArmFailureRecorder | undefined,
): Pick<DomainError, 'code' | 'message' | 'reason'> {
  if (error instanceof AzureTokenError) {
    return error.kind === 'rejected'
      ? authFailed(error.message)
      : unavailable(`Azure is unavailable: ${error.message}`);
  }
  if (isRestError(error)) {
    const status = error.statusCode;
    const detail = firstLine(recorder?.messageFor(status) ?? error.message);
    // A subscription the principal cannot see answers 404, but the fix is in the credentials.
    if (status === 401 || status === 403 || error.code === 'SubscriptionNotFound') return authFailed(detail);
    if (status === 404) {
      return {
        code: 'not_found',
        message: `Azure found no such resource: ${detail}`,
        reason: 'provider_not_found',
      };
    }
    if (status === 409 || (error.code !== undefined && CONFLICT_CODES.has(error.code))) {
      return {
        code: 'conflict',
        message: `Azure refused the operation: ${detail}`,
        reason: 'provider_rejected',
      };
    }
    if (status === 429) return unavailable(`Azure throttled the request: ${detail}`);
    if (status !== undefined && status >= 400 && status < 500) {
      return {
        code: 'unprocessable',
        message: `Azure rejected the request: ${detail}`,
        reason: 'provider_rejected',
      };
    }
    return unavailable(`Azure is unavailable: ${detail}`);
  }
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return unavailable('Azure did not answer in time');
  }
  // Anything else came out of an SDK call (a connection reset, a malformed body): the far side's problem.
  return unavailable(
    `Azure request failed: ${error instanceof Error ? firstLine(error.message) : String(error)}`,
  );
}

function authFailed(detail: string): Pick<DomainError, 'code' | 'message' | 'reason'> {
  return {
    code: 'unprocessable',
    message: `Azure rejected the credentials: ${detail}`,
    reason: 'provider_auth_failed',
  };
}

function unavailable(message: string): Pick<DomainError, 'code' | 'message' | 'reason'> {
  return { code: 'upstream', message, reason: 'provider_unavailable' };
}

function firstLine(message: string): string {
  return message.split(/\r?\n/)[0]?.trim() || 'no detail given';
}

function redact(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('****');
  }
  return out;
}
