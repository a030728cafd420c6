import fc from 'fast-check';
import { type AlignmentOp, alignSequences } from './sequence-alignment';

const script = (a: number[], b: number[]) =>
  alignSequences(a, b)
    .map((op) => (op.op === 'equal' ? '=' : op.op === 'delete' ? '-' : '+'))
    .join('');

/**
 * Replays a script: it must walk both sequences in order and only match equal elements. Returns
 * what it builds, or the first fault (plain checks, since one expect per element is slow).
 */
function replay(a: readonly number[], b: readonly number[], ops: readonly AlignmentOp[]): number[] | string {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  for (const op of ops) {
    if (op.op === 'equal') {
      if (op.a !== i || op.b !== j) return `equal at (${op.a}, ${op.b}), expected (${i}, ${j})`;
      if (a[i] !== b[j]) return `matched unequal elements at (${i}, ${j})`;
      out.push(a[i++] as number);
      j++;
    } else if (op.op === 'delete') {
      if (op.a !== i++) return `delete of ${op.a} out of order`;
    } else {
      if (op.b !== j++) return `insert of ${op.b} out of order`;
      out.push(b[op.b] as number);
    }
  }
  return i === a.length && j === b.length ? out : `stopped at (${i}, ${j})`;
}

/** Longest common subsequence length by the textbook O(NM) table, to check minimality against. */
function lcsLength(a: readonly number[], b: readonly number[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const row = [0];
    b.forEach((y, j) =>
      row.push(x === y ? (prev[j] as number) + 1 : Math.max(prev[j + 1] as number, row[j] as number)),
    );
    prev = row;
  }
  return prev[b.length] as number;
}

describe('alignSequences', () => {
  it('shows one inserted element as one insertion, with everything after it still equal', () => {
    expect(script([1, 2, 3, 4, 5], [1, 2, 9, 3, 4, 5])).toBe('==+===');
  });

  it('shows one deleted element as one deletion', () => {
    expect(script([1, 2, 3, 4, 5], [1, 2, 4, 5])).toBe('==-==');
  });

  it('puts the deletions of a replaced stretch before its insertions', () => {
    expect(script([1, 2, 3, 4], [1, 7, 8, 4])).toBe('=--++=');
  });

  it('deletes everything and inserts everything when nothing is shared', () => {
    expect(script([1, 2, 3], [4, 5])).toBe('---++');
  });

  it('handles empty sides', () => {
    expect(script([], [])).toBe('');
    expect(script([], [1, 2])).toBe('++');
    expect(script([1, 2], [])).toBe('--');
  });

  it('produces a valid edit script of minimal length for any two sequences', () => {
    const sequence = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 40 });
    fc.assert(
      fc.property(sequence, sequence, (a, b) => {
        const ops = alignSequences(a, b);
        expect(replay(a, b, ops)).toEqual(b);
        expect(ops.filter((op) => op.op === 'equal')).toHaveLength(lcsLength(a, b));
      }),
      { numRuns: 500 },
    );
  });

  it('finds the few scattered edits in long sequences', () => {
    const a = Array.from({ length: 20_000 }, (_, i) => i);
    const b = a.filter((x) => x % 5000 !== 17);
    b.splice(12_345, 0, -1, -2);
    const ops = alignSequences(a, b);
    expect(ops.filter((op) => op.op === 'delete').map((op) => (op.op === 'delete' ? op.a : -1))).toEqual([
      17, 5017, 10017, 15017,
    ]);
    expect(ops.filter((op) => op.op === 'insert')).toHaveLength(2);
    expect(replay(a, b, ops)).toEqual(b);
  });

  it('stays minimal when long sequences share little', () => {
    const a = Array.from({ length: 600 }, (_, i) => (i * 7) % 13);
    const b = Array.from({ length: 500 }, (_, i) => (i * 5) % 11);
    const ops = alignSequences(a, b);
    expect(replay(a, b, ops)).toEqual(b);
    expect(ops.filter((op) => op.op === 'equal')).toHaveLength(lcsLength(a, b));
  });
});
