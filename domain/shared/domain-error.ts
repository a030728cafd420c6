/**
 * The closed set of expected failures. Presentation maps each code to one HTTP status and one
 * problem type in a single place, so the core never knows about HTTP.
 */
export type ErrorCode =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'unprocessable'
  /** A system we depend on (a cloud API, a tool binary) failed or could not be reached. */
  | 'upstream'
  /** The deployment lacks something the operation needs (a key, a binary); not the caller's fault. */
  | 'unavailable';

export interface FieldError {
  readonly path: string;
  readonly message: string;
  /** Position inside a text field (e.g. a Cedar syntax error), 1-based. */
  readonly line?: number;
  readonly column?: number;
}

export class DomainError {
  constructor(
    readonly code: ErrorCode,
    readonly message: string,
    /** A finer, stable reason inside the code (e.g. `refresh_token_reused`); becomes part of the problem type. */
    readonly reason?: string,
    readonly fields: readonly FieldError[] = [],
  ) {}

  static validation(message: string, fields: readonly FieldError[] = [], reason?: string): DomainError {
    return new DomainError('validation', message, reason, fields);
  }
  static unauthorized(message: string, reason?: string): DomainError {
    return new DomainError('unauthorized', message, reason);
  }
  static forbidden(message: string, reason?: string): DomainError {
    return new DomainError('forbidden', message, reason);
  }
  static notFound(entity: string, id?: string): DomainError {
    return new DomainError('not_found', id ? `${entity} ${id} was not found` : `${entity} was not found`);
  }
  static conflict(message: string, reason?: string): DomainError {
    return new DomainError('conflict', message, reason);
  }
  static gone(message: string, reason?: string): DomainError {
    return new DomainError('gone', message, reason);
  }
  static upstream(message: string, reason?: string): DomainError {
    return new DomainError('upstream', message, reason);
  }
  static unavailable(message: string, reason?: string): DomainError {
    return new DomainError('unavailable', message, reason);
  }
}
