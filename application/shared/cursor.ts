import { DomainError } from '../../domain/shared/domain-error';
import { type KeysetPosition, type Page } from '../../domain/shared/page';
import { type Result, err, ok } from '../../domain/shared/result';

/**
 * Opaque keyset cursors: base64url of a small JSON tuple. Callers must treat them as opaque;
 * a cursor that does not decode is answered as a validation error, never as an empty page.
 */
export function encodeCursor(values: readonly (string | number)[]): string {
  const json = JSON.stringify(values);
  const base64 = btoa(String.fromCharCode(...new TextEncoder().encode(json)));
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] | null {
  try {
    const base64 = cursor.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const values: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (!Array.isArray(values) || values.length !== arity) return null;
    if (!values.every((v) => typeof v === 'string' || typeof v === 'number')) return null;
    return values as (string | number)[];
  } catch {
    return null;
  }
}

/**
 * Turns `limit + 1` rows fetched after `position` into a page: the extra row only proves that
 * there is a next page, whose cursor is the position of the last returned row.
 */
export function pageOf<T>(
  rows: readonly T[],
  limit: number,
  positionOf: (row: T) => KeysetPosition,
): Page<T> {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  const last = positionOf(items[items.length - 1] as T);
  return { items, nextCursor: encodeCursor([last.at.toISOString(), last.id]) };
}

/** Decodes a (time, id) cursor; `undefined` means "first page", an invalid cursor is a validation error. */
export function positionFrom(cursor: string | undefined): Result<KeysetPosition | null> {
  if (cursor === undefined) return ok(null);
  const values = decodeCursor(cursor, 2);
  const at = values ? new Date(String(values[0])) : null;
  if (!values || !at || Number.isNaN(at.getTime()) || typeof values[1] !== 'string') {
    return err(
      DomainError.validation('cursor is not valid', [
        { path: 'cursor', message: 'not a cursor from this API' },
      ]),
    );
  }
  return ok({ at, id: values[1] });
}
