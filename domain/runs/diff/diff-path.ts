import { DomainError } from '../../shared/domain-error';
import { type Result, err, ok } from '../../shared/result';

/** A concrete place in a JSON value: an object key or an array index. */
export type PathSegment = string | number;

/** One step of a path pattern; `any` is the `*` wildcard (any one key or index). */
export type PatternSegment =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'any' };

export const MAX_PATH_LENGTH = 500;

// Identifiers print bare and anything else as ["…"], as redaction marks spell paths, so a diff path
// reads exactly like the mark it matches and every path round-trips. Parsing is more lenient.
const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const BARE_CHAR = /[^.[\]"\s]/;

/**
 * Parses `input.messages[*].id`, `metadata["x y"]`, `output.choices[0]`. Grammar: a first segment, then
 * `.key`, `[index]`, `["json string"]` or a `*` / `[*]` wildcard. Errors name the character at fault.
 */
export function parseDiffPath(text: string): Result<readonly PatternSegment[]> {
  const parsed = parse(text);
  if (typeof parsed === 'string') {
    const message = `${parsed} in path ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)}`;
    return err(DomainError.validation(message, [{ path: 'path', message }], 'malformed_diff_path'));
  }
  return ok(parsed);
}

/** Parses a path that must not hold wildcards (a redaction mark's); null when it is not one. */
export function parseConcretePath(text: string): PathSegment[] | null {
  const parsed = parse(text);
  if (typeof parsed === 'string') return null;
  const segments: PathSegment[] = [];
  for (const segment of parsed) {
    if (segment.kind === 'any') return null;
    segments.push(segment.kind === 'key' ? segment.key : segment.index);
  }
  return segments;
}

export function formatDiffPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** The path in its one canonical spelling (so `a["b"]` and `a.b` compare equal); null when malformed. */
export function canonicalPath(text: string): string | null {
  const segments = parseConcretePath(text);
  return segments === null ? null : formatDiffPath(segments);
}

export function segmentMatches(pattern: PatternSegment, segment: PathSegment): boolean {
  if (pattern.kind === 'any') return true;
  return pattern.kind === 'key' ? pattern.key === segment : pattern.index === segment;
}

/** Returns the segments, or a message saying what is wrong. */
function parse(text: string): PatternSegment[] | string {
  if (text.length === 0) return 'empty path';
  if (text.length > MAX_PATH_LENGTH) return `path longer than ${MAX_PATH_LENGTH} characters`;
  const segments: PatternSegment[] = [];
  let pos = 0;
  const bare = (): PatternSegment | string => {
    const start = pos;
    while (pos < text.length && BARE_CHAR.test(text[pos])) pos++;
    const word = text.slice(start, pos);
    if (word === '') return `empty segment at character ${start + 1}`;
    if (word === '*') return { kind: 'any' };
    if (word.includes('*')) return `a wildcard must be a whole segment at character ${start + 1}`;
    return { kind: 'key', key: word };
  };
  if (text[0] !== '[') {
    const first = bare();
    if (typeof first === 'string') return first;
    segments.push(first);
  }
  while (pos < text.length) {
    const c = text[pos];
    if (c === '.') {
      pos++;
      const next = bare();
      if (typeof next === 'string') return next;
      segments.push(next);
    } else if (c === '[') {
      const next = bracket(text, pos + 1);
      if (typeof next === 'string') return next;
      segments.push(next.segment);
      pos = next.end;
    } else {
      return `unexpected ${JSON.stringify(c)} at character ${pos + 1}`;
    }
  }
  return segments;
}

/** Parses what follows a `[`: `*]`, `digits]` or `"json string"]`; `end` is just past the `]`. */
function bracket(text: string, start: number): { segment: PatternSegment; end: number } | string {
  const close = (at: number) =>
    text[at] === ']' ? at + 1 : `expected "]" at character ${at + 1}, found ${describe(text[at])}`;
  const c = text[start];
  if (c === '*') {
    const end = close(start + 1);
    return typeof end === 'string' ? end : { segment: { kind: 'any' }, end };
  }
  if (c === '"') {
    let pos = start + 1;
    while (pos < text.length && text[pos] !== '"') pos += text[pos] === '\\' ? 2 : 1;
    if (pos >= text.length) return `unterminated string starting at character ${start + 1}`;
    let key: unknown;
    try {
      key = JSON.parse(text.slice(start, pos + 1));
    } catch {
      return `invalid string escape in the key starting at character ${start + 1}`;
    }
    const end = close(pos + 1);
    return typeof end === 'string' ? end : { segment: { kind: 'key', key: key as string }, end };
  }
  let pos = start;
  while (pos < text.length && text[pos] >= '0' && text[pos] <= '9') pos++;
  const digits = text.slice(start, pos);
  if (digits === '')
    return `expected an index, "*" or a quoted key at character ${start + 1}, found ${describe(c)}`;
  if (digits.length > 1 && digits.startsWith('0'))
    return `index with a leading zero at character ${start + 1}`;
  const index = Number(digits);
  if (!Number.isSafeInteger(index)) return `index too large at character ${start + 1}`;
  const end = close(pos);
  return typeof end === 'string' ? end : { segment: { kind: 'index', index }, end };
}

const describe = (c: string | undefined) => (c === undefined ? 'the end of the path' : JSON.stringify(c));
