import { setOwn } from '../../shared/own-property';
import { canonicalJson } from './canonical-json';
import { type DiffRedaction } from './diff-input';
import { type ValueChange } from './diff-output';
import {
  type PathSegment,
  type PatternSegment,
  canonicalPath,
  formatDiffPath,
  segmentMatches,
} from './diff-path';

/** What the walk needs from a profile: anchored path patterns and keys ignored at any depth. */
export interface IgnoreRules {
  readonly ignorePaths: readonly (readonly PatternSegment[])[];
  readonly ignoreKeys: ReadonlySet<string>;
}

/** The text every redaction placeholder starts with, e.g. `[REDACTED:email]`. */
export const REDACTION_PLACEHOLDER = '[REDACTED:';

/**
 * Deeper than this, a subtree is compared whole (by an iterative canonical encoding) and shown as
 * TOO_DEEP, so a hostile payload nested thousands of levels cannot exhaust the stack.
 */
export const MAX_DEPTH = 100;
export const TOO_DEEP = '[nested too deep to show]';

export type Patterns = readonly (readonly PatternSegment[])[];
const NONE: Patterns = [];

/**
 * The leaf-level differences between two JSON values, after dropping what the rules ignore. Object
 * keys are walked in sorted order and arrays index by index, so the list (and every value in it) is
 * the same whatever the key order of the inputs. Equal strings holding a redaction placeholder are
 * compared through the redaction marks' hashes instead.
 */
export function diffValues(
  a: unknown,
  b: unknown,
  rules: IgnoreRules,
  redactions: { readonly a: readonly DiffRedaction[]; readonly b: readonly DiffRedaction[] } = {
    a: [],
    b: [],
  },
): ValueChange[] {
  const walk = new Walk(rules, redactions.a, redactions.b);
  // Most aligned pairs are equal: prove that first without sorting keys or allocating, and walk
  // in sorted order (which is what makes the changes deterministic) only for pairs that differ.
  if (walk.provablyEqual(a, b, rules.ignorePaths, 0)) return [];
  walk.compare(a, b, rules.ignorePaths, 0);
  return walk.changes;
}

/** A field of the records `diffRecords` compares, with the path patterns still alive below it. */
export interface RecordField {
  readonly key: string;
  readonly active: Patterns;
}

/** The fields of `keys` the rules do not ignore outright, worked out once for many record pairs. */
export function recordFields(keys: readonly string[], rules: IgnoreRules): readonly RecordField[] {
  const fields: RecordField[] = [];
  for (const key of keys) {
    if (rules.ignoreKeys.has(key)) continue;
    const active = descend(rules.ignorePaths, 0, key);
    if (active !== null) fields.push({ key, active });
  }
  return fields;
}

/**
 * `diffValues(build(a), build(b))` for records whose fields are `fields` (the keys given to
 * `recordFields`, read with `read`), for when most pairs are equal: each field is first proved
 * equal straight from the items, and only a pair that may differ is built and walked.
 */
export function diffRecords<T>(
  a: T,
  b: T,
  fields: readonly RecordField[],
  read: (item: T, key: string) => unknown,
  build: (item: T) => Record<string, unknown>,
  rules: IgnoreRules,
  redactions: { readonly a: readonly DiffRedaction[]; readonly b: readonly DiffRedaction[] },
): ValueChange[] {
  const walk = new Walk(rules, redactions.a, redactions.b);
  // A field read as undefined is absent on that side, as a record member it would be skipped.
  if (fields.every((f) => walk.provablyEqual(read(a, f.key), read(b, f.key), f.active, 1))) return [];
  walk.compare(build(a), build(b), rules.ignorePaths, 0);
  return walk.changes;
}

/** A copy of the value without what the rules ignore, with object keys in sorted order. */
export function normaliseValue(value: unknown, rules: IgnoreRules): unknown {
  return normalise(value, rules, rules.ignorePaths, 0);
}

type Shape = 'absent' | 'object' | 'array' | 'scalar';

function shapeOf(value: unknown): Shape {
  if (value === undefined) return 'absent';
  if (value === null || typeof value !== 'object') return 'scalar';
  return Array.isArray(value) ? 'array' : 'object';
}

/** Patterns still alive below `segment`, or null when one of them ends there (the child is ignored). */
function descend(active: Patterns, depth: number, segment: PathSegment): Patterns | null {
  if (active.length === 0) return active;
  let next: (readonly PatternSegment[])[] | undefined;
  for (const pattern of active) {
    if (!segmentMatches(pattern[depth] as PatternSegment, segment)) continue;
    if (pattern.length === depth + 1) return null;
    (next ??= []).push(pattern);
  }
  return next ?? NONE;
}

function keysOf(record: Record<string, unknown>, ignoreKeys: ReadonlySet<string>): string[] {
  const keys: string[] = [];
  for (const key of Object.keys(record))
    if (record[key] !== undefined && !ignoreKeys.has(key)) keys.push(key);
  return keys.sort();
}

function normalise(value: unknown, rules: IgnoreRules, active: Patterns, depth: number): unknown {
  const shape = shapeOf(value);
  if (shape === 'scalar' || shape === 'absent') return value;
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  if (shape === 'array') {
    const out: unknown[] = [];
    (value as unknown[]).forEach((item, i) => {
      const next = descend(active, depth, i);
      // An ignored element leaves a null so later indexes keep pointing where they did.
      out.push(next === null || item === undefined ? null : normalise(item, rules, next, depth + 1));
    });
    return out;
  }
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of keysOf(record, rules.ignoreKeys)) {
    const next = descend(active, depth, key);
    if (next !== null) setOwn(out, key, normalise(record[key], rules, next, depth + 1));
  }
  return out;
}

/** A member of the record itself: `toString` or `__proto__` of a record without them is absent, not inherited. */
function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

class Walk {
  readonly changes: ValueChange[] = [];
  private readonly path: PathSegment[] = [];
  private marksA?: Map<string, DiffRedaction[]>;
  private marksB?: Map<string, DiffRedaction[]>;
  private readonly sameMarks: boolean;

  constructor(
    private readonly rules: IgnoreRules,
    private readonly redactionsA: readonly DiffRedaction[],
    private readonly redactionsB: readonly DiffRedaction[],
  ) {
    this.sameMarks = redactionsA === redactionsB || (redactionsA.length === 0 && redactionsB.length === 0);
  }

  /**
   * True when the walk would find nothing; false when it might. Equal strings holding a placeholder
   * answer false when there are marks to look at, leaving the verdict to the full walk.
   */
  provablyEqual(a: unknown, b: unknown, active: Patterns, depth: number): boolean {
    if (a === b) {
      if (typeof a === 'string') return this.sameMarks || !a.includes(REDACTION_PLACEHOLDER);
      return a === null || typeof a !== 'object' || this.sameMarks;
    }
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || depth >= MAX_DEPTH)
      return false;
    if (Array.isArray(a)) {
      if (!Array.isArray(b) || a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) {
        const next = descend(active, depth, i);
        if (next !== null && !this.provablyEqual(a[i] ?? null, b[i] ?? null, next, depth + 1)) return false;
      }
      return true;
    }
    if (Array.isArray(b)) return false;
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    const ignoreKeys = this.rules.ignoreKeys;
    // Every counted key of `left` is checked against `right`; equal counts then mean equal key sets.
    let counted = 0;
    for (const key of Object.keys(left)) {
      const value = left[key];
      if (value === undefined || ignoreKeys.has(key)) continue;
      const next = descend(active, depth, key);
      if (next === null) continue;
      if (!this.sameMarks && key.includes(REDACTION_PLACEHOLDER)) return false;
      counted++;
      if (!this.provablyEqual(value, own(right, key), next, depth + 1)) return false;
    }
    for (const key of Object.keys(right)) {
      if (right[key] === undefined || ignoreKeys.has(key) || descend(active, depth, key) === null) continue;
      if (--counted < 0) return false;
    }
    return counted === 0;
  }

  compare(a: unknown, b: unknown, active: Patterns, depth: number): void {
    if (a === b) {
      if (typeof a === 'string' && a.includes(REDACTION_PLACEHOLDER)) return this.compareRedacted('value');
      // One shared object can still hold placeholders whose marks differ between the two steps.
      if (a === null || typeof a !== 'object' || this.sameMarks) return;
    }
    const shapeA = shapeOf(a);
    const shapeB = shapeOf(b);
    if (shapeA !== shapeB || shapeA === 'scalar') return this.emit(a, b, active, depth);
    if (depth >= MAX_DEPTH) {
      if (canonicalJson(a, this.rules.ignoreKeys) !== canonicalJson(b, this.rules.ignoreKeys))
        this.emit(a, b, active, depth);
      return;
    }
    if (shapeA === 'array') {
      const left = a as unknown[];
      const right = b as unknown[];
      const length = Math.max(left.length, right.length);
      for (let i = 0; i < length; i++) {
        const next = descend(active, depth, i);
        if (next === null) continue;
        this.path.push(i);
        // Inside an array an undefined slot is JSON null; only the index past the end is absent.
        this.compare(
          i < left.length ? (left[i] ?? null) : undefined,
          i < right.length ? (right[i] ?? null) : undefined,
          next,
          depth + 1,
        );
        this.path.pop();
      }
      return;
    }
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    for (const key of mergeSorted(
      keysOf(left, this.rules.ignoreKeys),
      keysOf(right, this.rules.ignoreKeys),
    )) {
      const next = descend(active, depth, key);
      if (next === null) continue;
      this.path.push(key);
      const valueA = own(left, key);
      const valueB = own(right, key);
      if (valueA !== undefined && valueB !== undefined && key.includes(REDACTION_PLACEHOLDER))
        this.compareRedacted('key');
      this.compare(valueA, valueB, next, depth + 1);
      this.path.pop();
    }
  }

  private emit(a: unknown, b: unknown, active: Patterns, depth: number): void {
    const path = formatDiffPath(this.path);
    const norm = (value: unknown) => normalise(value, this.rules, active, depth);
    if (a === undefined) this.changes.push({ path, change: 'added', b: norm(b) });
    else if (b === undefined) this.changes.push({ path, change: 'removed', a: norm(a) });
    else this.changes.push({ path, change: 'changed', a: norm(a), b: norm(b) });
  }

  /**
   * Same placeholder text on both sides (in the value at this path, or in its key): the marks at
   * this path, taken in order of occurrence, decide. A mark whose hash differs, or that only one
   * side has, is a change nobody may see.
   */
  private compareRedacted(target: 'value' | 'key'): void {
    const path = formatDiffPath(this.path);
    this.marksA ??= indexMarks(this.redactionsA);
    this.marksB ??= indexMarks(this.redactionsB);
    const onTarget = (mark: DiffRedaction) => (mark.target === 'key') === (target === 'key');
    const left = (this.marksA.get(path) ?? []).filter(onTarget);
    const right = (this.marksB.get(path) ?? []).filter(onTarget);
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      const markA = left[i];
      const markB = right[i];
      if (markA?.hash === markB?.hash) continue;
      const type = (markB ?? markA)?.type ?? 'unknown';
      this.changes.push({ path, change: 'changed (redacted)', type });
    }
  }
}

function indexMarks(redactions: readonly DiffRedaction[]): Map<string, DiffRedaction[]> {
  const index = new Map<string, DiffRedaction[]>();
  for (const mark of redactions) {
    const path = canonicalPath(mark.path);
    if (path === null) continue;
    const list = index.get(path);
    if (list) list.push(mark);
    else index.set(path, [mark]);
  }
  return index;
}

/** The union of two sorted key lists, still sorted, each key once. */
function mergeSorted(left: readonly string[], right: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    const l = left[i];
    const r = right[j];
    if (r === undefined || (l !== undefined && l < r)) {
      out.push(l as string);
      i++;
    } else if (l === undefined || r < l) {
      out.push(r);
      j++;
    } else {
      out.push(l);
      i++;
      j++;
    }
  }
  return out;
}
