import { DomainError } from '../shared/domain-error';
import { type Result, err, ok } from '../shared/result';

export type Email = string & { readonly __brand: 'Email' };

// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is the mail server's job.
const SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function parseEmail(value: string, field = 'email'): Result<Email> {
  const normalized = value.trim().toLowerCase();
  if (normalized.length > 254 || !SHAPE.test(normalized)) {
    const message = 'must be a valid email address';
    return err(DomainError.validation(`${field} ${message}`, [{ path: field, message }]));
  }
  return ok(normalized as Email);
}
