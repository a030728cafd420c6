import { DomainError } from '../../../domain/shared/domain-error';

export type GcpFailureKind = 'auth' | 'not_found' | 'conflict' | 'rejected' | 'unavailable';

export interface GcpFailure {
  readonly kind: GcpFailureKind;
  readonly detail: string;
}

/** gRPC status codes (google-gax raises them on the gRPC transport; REST raises HTTP statuses). */
const GRPC: Readonly<Record<number, GcpFailureKind>> = {
  1: 'unavailable', // CANCELLED
  2: 'unavailable', // UNKNOWN
  3: 'rejected', // INVALID_ARGUMENT
  4: 'unavailable', // DEADLINE_EXCEEDED
  5: 'not_found',
  6: 'conflict', // ALREADY_EXISTS
  7: 'auth', // PERMISSION_DENIED
  8: 'unavailable', // RESOURCE_EXHAUSTED
  9: 'conflict', // FAILED_PRECONDITION
  10: 'conflict', // ABORTED
  11: 'rejected', // OUT_OF_RANGE
  13: 'unavailable', // INTERNAL
  14: 'unavailable', // UNAVAILABLE
  16: 'auth', // UNAUTHENTICATED
};

/** What the OAuth token endpoint answers when a service-account key or its grant is refused. */
const OAUTH_REFUSALS = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client', 'invalid_scope']);

/** Compute answers 400 `resourceNotReady` while an instance is mid-transition: retry later, not a bad request. */
const NOT_READY = /is not ready|resourceNotReady/i;
/** Compute signals rate limits with 403 `rateLimitExceeded`; that is throttling, not a credential problem. */
const RATE_LIMITED = /rate ?limit/i;

interface ErrorShape {
  readonly code?: unknown;
  readonly status?: unknown;
  readonly message?: unknown;
  readonly name?: unknown;
  readonly reason?: unknown;
  readonly response?: { readonly status?: unknown; readonly data?: unknown };
}

/**
 * Sorts whatever the Google SDKs threw: GaxiosError with an HTTP status (REST transport and the
 * OAuth token endpoint), GoogleError with a gRPC code, Node network errors, key-parsing errors.
 */
export function classifyGcpError(error: unknown): GcpFailure {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorShape;
  const body = errorBody(e);
  const detail = body.message ?? (typeof e.message === 'string' ? e.message : 'unknown error');
  const reason = body.reason ?? (typeof e.reason === 'string' ? e.reason : '');
  const status = httpStatus(e);
  if (status !== null) return { kind: byHttpStatus(status, `${detail} ${reason}`, body.oauthError), detail };
  if (typeof e.code === 'number' && GRPC[e.code]) {
    const kind = GRPC[e.code];
    return { kind: kind === 'rejected' && NOT_READY.test(detail) ? 'conflict' : kind, detail };
  }
  if (typeof e.code === 'string' && e.code.startsWith('ERR_OSSL')) {
    return { kind: 'auth', detail: 'the private key could not be read' };
  }
  if (/private key|DECODER routines|PEM/i.test(detail)) {
    return { kind: 'auth', detail: 'the private key could not be read' };
  }
  // Network failures (ECONNREFUSED, ENOTFOUND, timeouts) and anything unrecognised: the call did not get through.
  return { kind: 'unavailable', detail };
}

function byHttpStatus(status: number, text: string, oauthError: string | null): GcpFailureKind {
  if (oauthError !== null && OAUTH_REFUSALS.has(oauthError)) return 'auth';
  if (status === 401) return 'auth';
  if (status === 403) return RATE_LIMITED.test(text) ? 'unavailable' : 'auth';
  if (status === 404) return 'not_found';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 400 && NOT_READY.test(text)) return 'conflict';
  if (status === 429 || status >= 500) return 'unavailable';
  return 'rejected';
}

function httpStatus(e: ErrorShape): number | null {
  const candidates = [e.status, e.response?.status, e.code];
  for (const c of candidates) if (typeof c === 'number' && c >= 400 && c < 600) return c;
  return null;
}

/**
 * Google's error body: `{error: {code, message, errors: [{reason}]}}` from the APIs (the REST
 * transport puts the raw body in the GaxiosError message), `{error, error_description}` from the
 * OAuth token endpoint.
 */
function errorBody(e: ErrorShape): { message?: string; reason?: string; oauthError: string | null } {
  // With the REST transport `response.data` is the unread body stream; the text sits in the message.
  const data = [e.response?.data, parseJson(e.message)].find(
    (d): d is { error?: unknown; error_description?: unknown } =>
      typeof d === 'object' && d !== null && 'error' in d,
  );
  if (!data) return { oauthError: null };
  if (typeof data.error === 'string') {
    const description = typeof data.error_description === 'string' ? data.error_description : '';
    return { message: `${data.error}${description ? `: ${description}` : ''}`, oauthError: data.error };
  }
  if (typeof data.error === 'object' && data.error !== null) {
    const inner = data.error as { message?: unknown; errors?: { reason?: unknown }[] };
    const reason = Array.isArray(inner.errors) ? inner.errors[0]?.reason : undefined;
    return {
      message: typeof inner.message === 'string' ? inner.message : undefined,
      reason: typeof reason === 'string' ? reason : undefined,
      oauthError: null,
    };
  }
  return { oauthError: null };
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string' || !text.trimStart().startsWith('{')) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const PEM_BLOCK = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g;
const BEARER = /Bearer\s+[\w.~+/-]+=*/gi;
const GOOGLE_TOKEN = /ya29\.[\w.-]+/g;

/** Removes every secret (and anything shaped like a key or a token) from text bound for a user. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 8) out = out.split(secret).join('****');
  }
  out = out.replace(PEM_BLOCK, '****').replace(BEARER, 'Bearer ****').replace(GOOGLE_TOKEN, '****');
  return out.length > 300 ? `${out.slice(0, 297)}...` : out;
}

/** The one translation from an SDK failure to the `DomainError` reasons the cloud port promises. */
export function toDomainError(error: unknown, secrets: readonly string[]): DomainError {
  const { kind, detail } = classifyGcpError(error);
  const safe = scrubSecrets(detail, secrets);
  switch (kind) {
    case 'auth':
      return new DomainError(
        'unprocessable',
        `Google Cloud rejected the credentials: ${safe}`,
        'provider_auth_failed',
      );
    case 'not_found':
      return new DomainError('not_found', `Google Cloud could not find it: ${safe}`, 'provider_not_found');
    case 'conflict':
      return DomainError.conflict(`Google Cloud refused the change for now: ${safe}`, 'provider_rejected');
    case 'rejected':
      return new DomainError(
        'unprocessable',
        `Google Cloud rejected the request: ${safe}`,
        'provider_rejected',
      );
    case 'unavailable':
      return DomainError.upstream(`Google Cloud could not be reached: ${safe}`, 'provider_unavailable');
  }
}
