import { type z } from 'zod';
import { DomainError } from '../../../domain/shared/domain-error';
import { type Result, err, ok } from '../../../domain/shared/result';

/** Reads an action's params with its schema; problems are field errors under `params.`. */
export function parseParams<S extends z.ZodType>(schema: S, params: unknown): Result<z.infer<S>> {
  const parsed = schema.safeParse(params);
  if (parsed.success) return ok(parsed.data);
  const fields = parsed.error.issues.map((issue) => ({
    path: ['params', ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  return err(DomainError.validation('invalid action params', fields));
}

/** Only the keys an input schema knows: a plan's params may carry more than one action reads. */
export const pick = (params: Readonly<Record<string, unknown>>, keys: readonly string[]) =>
  Object.fromEntries(keys.filter((k) => params[k] !== undefined).map((k) => [k, params[k]]));
