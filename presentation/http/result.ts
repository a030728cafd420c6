import { type Result } from '../../domain/shared/result';
import { ProblemException } from './problem';

/** The value of a successful use case, or the problem its failure maps to. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw ProblemException.fromDomain(result.error);
  return result.value;
}
