/** One entry of an edit script from sequence `a` to sequence `b`. */
export type AlignmentOp =
  | { readonly op: 'equal'; readonly a: number; readonly b: number }
  | { readonly op: 'delete'; readonly a: number }
  | { readonly op: 'insert'; readonly b: number };

/**
 * A shortest edit script from `a` to `b` (elements compare with `===`), by Myers' O(ND) algorithm in
 * its linear-space form: strip the common prefix and suffix, find where the forward and backward
 * searches meet, split there and recurse. Time O((N+M)·D), memory O(N+M), with D the number of
 * edits, so long runs with few differences stay cheap. Between two matches, deletions come first.
 */
export function alignSequences(a: ArrayLike<number>, b: ArrayLike<number>): AlignmentOp[] {
  // An element the other side lacks can never match, so it is left out of the search (as GNU diff
  // does): the script stays minimal and runs with nothing in common cost O(N+M).
  const keptA = indexesOfShared(a, b);
  const keptB = indexesOfShared(b, a);
  const matches: number[] = []; // flattened (a, b) index pairs, ascending
  collect(pick(a, keptA), pick(b, keptB), 0, keptA.length, 0, keptB.length, matches);
  for (let m = 0; m < matches.length; m += 2) {
    matches[m] = keptA[matches[m] as number] as number;
    matches[m + 1] = keptB[matches[m + 1] as number] as number;
  }
  const ops: AlignmentOp[] = [];
  let i = 0;
  let j = 0;
  const gapTo = (ai: number, bj: number) => {
    for (; i < ai; i++) ops.push({ op: 'delete', a: i });
    for (; j < bj; j++) ops.push({ op: 'insert', b: j });
  };
  for (let m = 0; m < matches.length; m += 2) {
    gapTo(matches[m] as number, matches[m + 1] as number);
    ops.push({ op: 'equal', a: i++, b: j++ });
  }
  gapTo(a.length, b.length);
  return ops;
}

function indexesOfShared(from: ArrayLike<number>, other: ArrayLike<number>): Int32Array {
  const present = new Set<number>();
  for (let i = 0; i < other.length; i++) present.add(other[i] as number);
  const kept: number[] = [];
  for (let i = 0; i < from.length; i++) if (present.has(from[i] as number)) kept.push(i);
  return Int32Array.from(kept);
}

function pick(from: ArrayLike<number>, indexes: Int32Array): Int32Array {
  return indexes.map((i) => from[i] as number);
}

function collect(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  aLo: number,
  aHi: number,
  bLo: number,
  bHi: number,
  out: number[],
): void {
  while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) out.push(aLo++, bLo++);
  let suffix = 0;
  while (aLo < aHi && bLo < bHi && a[aHi - 1] === b[bHi - 1]) {
    aHi--;
    bHi--;
    suffix++;
  }
  // Once trimmed, a side that is empty means pure insertions or deletions; otherwise D ≥ 2 and the
  // split point lies strictly inside, so both halves are smaller problems.
  if (aLo < aHi && bLo < bHi) {
    const split = bisect(a, b, aLo, aHi, bLo, bHi);
    if (split !== null) {
      collect(a, b, aLo, split[0], bLo, split[1], out);
      collect(a, b, split[0], aHi, split[1], bHi, out);
    }
  }
  for (let k = 0; k < suffix; k++) out.push(aHi + k, bHi + k);
}

/**
 * Myers 1986 §4b, as diff-match-patch spells it: furthest-reaching D-paths run forward from the
 * top-left and backward from the bottom-right (both counted from their own corner) until they
 * overlap; that point lies on a shortest path. Diagonals that run off the grid stop being explored.
 * Returns the absolute split point, or null when the ranges share no element at all.
 */
function bisect(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  aLo: number,
  aHi: number,
  bLo: number,
  bHi: number,
): [number, number] | null {
  const n = aHi - aLo;
  const m = bHi - bLo;
  const maxD = Math.ceil((n + m) / 2);
  const offset = maxD + 1;
  const size = 2 * offset + 1;
  const v1 = new Int32Array(size).fill(-1);
  const v2 = new Int32Array(size).fill(-1);
  v1[offset + 1] = 0;
  v2[offset + 1] = 0;
  const delta = n - m;
  // With an odd delta the paths meet while extending forward, with an even one while extending backward.
  const front = (delta & 1) !== 0;
  let k1start = 0;
  let k1end = 0;
  let k2start = 0;
  let k2end = 0;
  for (let d = 0; d < maxD; d++) {
    for (let k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
      const k1o = offset + k1;
      let x1 = k1 === -d || (k1 !== d && v1[k1o - 1]! < v1[k1o + 1]!) ? v1[k1o + 1]! : v1[k1o - 1]! + 1;
      let y1 = x1 - k1;
      while (x1 < n && y1 < m && a[aLo + x1] === b[bLo + y1]) {
        x1++;
        y1++;
      }
      v1[k1o] = x1;
      if (x1 > n) k1end += 2;
      else if (y1 > m) k1start += 2;
      else if (front) {
        const k2o = offset + delta - k1;
        if (k2o >= 0 && k2o < size && v2[k2o] !== -1 && x1 >= n - v2[k2o]!) return [aLo + x1, bLo + y1];
      }
    }
    for (let k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
      const k2o = offset + k2;
      let x2 = k2 === -d || (k2 !== d && v2[k2o - 1]! < v2[k2o + 1]!) ? v2[k2o + 1]! : v2[k2o - 1]! + 1;
      let y2 = x2 - k2;
      while (x2 < n && y2 < m && a[aHi - 1 - x2] === b[bHi - 1 - y2]) {
        x2++;
        y2++;
      }
      v2[k2o] = x2;
      if (x2 > n) k2end += 2;
      else if (y2 > m) k2start += 2;
      else if (!front) {
        const k1o = offset + delta - k2;
        if (k1o >= 0 && k1o < size && v1[k1o] !== -1) {
          const x1 = v1[k1o]!;
          if (x1 >= n - x2) return [aLo + x1, bLo + x1 - (k1o - offset)];
        }
      }
    }
  }
  return null;
}
