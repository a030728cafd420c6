import fc from 'fast-check';
import { type KeysetPosition } from '../../domain/shared/page';
import { decodeCursor, encodeCursor, pageOf, positionFrom } from './cursor';

const T0 = new Date('2026-11-23T10:00:00.000Z');
const rowAt = (i: number): { id: string; at: Date } => ({ id: `id-${i}`, at: new Date(T0.getTime() + i) });
const positionOf = (row: { id: string; at: Date }): KeysetPosition => ({ at: row.at, id: row.id });

describe('cursors', () => {
  it('decode to what was encoded', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.integer()), { maxLength: 5 }),
        (values) => {
          expect(decodeCursor(encodeCursor(values), values.length)).toEqual(values);
        },
      ),
    );
  });

  it('are URL-safe: no +, / or = padding', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 4 }), (values) => {
        expect(encodeCursor(values)).toMatch(/^[A-Za-z0-9_-]*$/);
      }),
    );
  });

  it('do not decode with another arity', () => {
    expect(decodeCursor(encodeCursor(['a', 1]), 3)).toBeNull();
  });

  it.each([
    ['not base64', '!!!'],
    ['not JSON', btoa('not json')],
    ['a JSON object', btoa('{"a":1}')],
    ['a JSON array of other types', btoa('[true,null]')],
    ['empty', ''],
  ])('do not decode when %s', (_label, cursor) => {
    expect(decodeCursor(cursor, 2)).toBeNull();
  });
});

describe('positionFrom', () => {
  it('reads no cursor as the first page', () => {
    expect(positionFrom(undefined)).toEqual({ ok: true, value: null });
  });

  it('reads back the position a page ended at', () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), fc.uuid(), (at, id) => {
        expect(positionFrom(encodeCursor([at.toISOString(), id]))).toEqual({ ok: true, value: { at, id } });
      }),
    );
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['an empty string', ''],
    ['a cursor of one value', encodeCursor(['2026-11-23T10:00:00.000Z'])],
    ['a cursor with an unparseable time', encodeCursor(['yesterday', 'id-1'])],
    ['a cursor with a numeric id', encodeCursor(['2026-11-23T10:00:00.000Z', 7])],
  ])('answers %s with a validation error on "cursor"', (_label, cursor) => {
    const result = positionFrom(cursor);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('validation');
    expect(result.error.fields.map((field) => field.path)).toEqual(['cursor']);
  });
});

describe('pageOf', () => {
  it('has no next cursor when no row beyond the limit was fetched', () => {
    const rows = [0, 1, 2].map(rowAt);
    expect(pageOf(rows, 3, positionOf)).toEqual({ items: rows, nextCursor: null });
    expect(pageOf(rows.slice(0, 2), 3, positionOf)).toEqual({ items: rows.slice(0, 2), nextCursor: null });
    expect(pageOf([], 3, positionOf)).toEqual({ items: [], nextCursor: null });
  });

  it('drops the extra row and points the next cursor at the last returned row', () => {
    const rows = [0, 1, 2, 3].map(rowAt);
    const page = pageOf(rows, 3, positionOf);
    expect(page.items).toEqual(rows.slice(0, 3));
    expect(page.nextCursor).not.toBeNull();
    expect(positionFrom(page.nextCursor ?? undefined)).toEqual({ ok: true, value: positionOf(rowAt(2)) });
  });

  it('walks a listing page by page without losing or repeating a row', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 7 }), (total, limit) => {
        const all = Array.from({ length: total }, (_, i) => rowAt(i));
        const seen: string[] = [];
        let cursor: string | undefined;
        for (let pages = 0; pages <= total + 1; pages++) {
          const after = positionFrom(cursor);
          if (!after.ok) throw new Error('cursor did not decode');
          const start = after.value ? all.findIndex((row) => row.id === after.value?.id) + 1 : 0;
          const page = pageOf(all.slice(start, start + limit + 1), limit, positionOf);
          seen.push(...page.items.map((row) => row.id));
          if (page.nextCursor === null) break;
          cursor = page.nextCursor;
        }
        expect(seen).toEqual(all.map((row) => row.id));
      }),
    );
  });
});
