import { DomainError } from './domain-error';
import { type Result, err, ok } from './result';

/** Trims a human-entered label and checks its length; the field name goes into the error. */
export function requireText(field: string, value: string, max: number, min = 1): Result<string> {
  const trimmed = value.trim();
  if (trimmed.length < min || trimmed.length > max) {
    const message = `${field} must be between ${min} and ${max} characters`;
    return err(DomainError.validation(message, [{ path: field, message }]));
  }
  return ok(trimmed);
}
