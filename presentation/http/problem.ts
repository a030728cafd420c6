import { type DomainError, type ErrorCode, type FieldError } from '../../domain/shared/domain-error';

/** RFC 9457 problem details, as every error leaves the API. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Field errors on validation failure. */
  errors?: readonly FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const PROBLEM_BASE = 'https://cockpit.dev/problems/';

export const problemType = (slug: string): string => PROBLEM_BASE + slug.replace(/_/g, '-');

const STATUS: Readonly<Record<ErrorCode, number>> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  unprocessable: 422,
  upstream: 502,
  unavailable: 503,
};

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export const titleFor = (status: number): string => TITLES[status] ?? 'Error';

/** The single mapping from domain failures to HTTP. */
export function problemFromDomainError(error: DomainError): ProblemDetails {
  const status = STATUS[error.code];
  return {
    type: problemType(error.reason ?? error.code),
    title: titleFor(status),
    status,
    detail: error.message,
    code: error.code,
    ...(error.reason ? { reason: error.reason } : {}),
    ...(error.fields.length > 0 ? { errors: error.fields } : {}),
  };
}

/** Thrown by presentation code to answer with a problem; the filter turns it into the response. */
export class ProblemException extends Error {
  constructor(
    readonly problem: ProblemDetails,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemException';
  }

  static fromDomain(error: DomainError): ProblemException {
    const problem = problemFromDomainError(error);
    // RFC 6750 §3: a request that sent no credential gets the challenge without an error code.
    const challenge =
      error.reason === 'credential_required'
        ? 'Bearer realm="cockpit"'
        : 'Bearer realm="cockpit", error="invalid_token"';
    const headers: Record<string, string> = problem.status === 401 ? { 'www-authenticate': challenge } : {};
    return new ProblemException(problem, headers);
  }
}
