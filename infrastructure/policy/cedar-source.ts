/**
 * Positions in Cedar source text. Cedar reports UTF-8 byte offsets; editors want 1-based lines and
 * columns in JavaScript characters. The statement scanner splits a (syntactically valid) policy set
 * into its policies, in source order, which is how Cedar numbers them (`policy0`, `policy1`, ...).
 */

export interface SourceSpan {
  /** UTF-16 index of the first character of the policy (its first annotation or its effect). */
  readonly start: number;
  /** UTF-16 index just past its closing `;`. */
  readonly end: number;
}

export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/** UTF-16 index of a UTF-8 byte offset into `text` (clamped to the text). */
export function byteOffsetToIndex(text: string, byteOffset: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    if (bytes >= byteOffset) return i;
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      // A surrogate pair is one 4-byte code point.
      bytes += 4;
      i++;
    } else bytes += 3; // the rest of the BMP, and lone surrogates (sent to Cedar as U+FFFD)
  }
  return text.length;
}

const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** 1-based line and column of a UTF-16 index. */
export function lineColumnAt(text: string, index: number): LineColumn {
  const before = text.slice(0, Math.max(0, Math.min(index, text.length)));
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: before.length - lineStart + 1 };
}

/**
 * Calls `visit` with the index of every character outside string literals and `//` comments, in
 * order, until it returns true.
 */
function scanCode(text: string, from: number, visit: (index: number) => boolean): void {
  for (let i = from; i < text.length; i++) {
    const char = text[i]!;
    if (char === '/' && text[i + 1] === '/') {
      const newline = text.indexOf('\n', i);
      i = newline === -1 ? text.length : newline;
      continue;
    }
    if (visit(i)) return;
    if (char === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    }
  }
}

/**
 * Spans of the policies of a policy set. Outside string literals and `//` comments, `;` occurs in
 * Cedar only at the end of a policy, so a small scanner suffices (no grammar).
 */
export function policySpans(text: string): SourceSpan[] {
  const spans: SourceSpan[] = [];
  let start = -1;
  scanCode(text, 0, (i) => {
    const char = text[i]!;
    if (start === -1 && !/\s/.test(char)) start = i;
    if (char === ';') {
      spans.push({ start, end: i + 1 });
      start = -1;
    }
    return false;
  });
  return spans;
}

/** Index of the annotation `@name` of the policy in `span`, if it has one. */
export function annotationIndex(text: string, span: SourceSpan, name: string): number | null {
  const pattern = new RegExp(`^@\\s*${name}(?![A-Za-z0-9_])`);
  let found: number | null = null;
  scanCode(text, span.start, (i) => {
    if (i >= span.end) return true;
    if (text[i] === '@' && pattern.test(text.slice(i, i + name.length + 40))) found = i;
    return found !== null;
  });
  return found;
}
