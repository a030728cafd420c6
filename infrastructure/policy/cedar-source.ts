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

export interface PolicyHead {
  /** Annotation name → value (null for a bare `@name`), with where each starts. */
  readonly annotations: ReadonlyMap<string, { readonly value: string | null; readonly index: number }>;
  readonly effect: 'permit' | 'forbid';
}

/**
 * The annotations and effect of the policy in `span`, read from the text: Cedar answers with its
 * positional ids only, and asking it for each policy's JSON form costs ~0.4 ms a policy, more than
 * parsing the whole set. Grammar: `('@' IDENT ('(' STRING ')')?)* ('permit' | 'forbid')`, with
 * whitespace and `//` comments between tokens. Null when the text is not that (Cedar then rejects
 * it too, so callers fail closed).
 */
export function readPolicyHead(text: string, span: SourceSpan): PolicyHead | null {
  let i = span.start;
  const skip = (): void => {
    for (;;) {
      while (i < span.end && /\s/.test(text[i]!)) i++;
      if (text[i] !== '/' || text[i + 1] !== '/') return;
      const newline = text.indexOf('\n', i);
      i = newline === -1 || newline > span.end ? span.end : newline + 1;
    }
  };
  const identifier = (): string | null => {
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, Math.min(span.end, i + 256)));
    if (!match) return null;
    i += match[0].length;
    return match[0];
  };

  const annotations = new Map<string, { value: string | null; index: number }>();
  for (;;) {
    skip();
    if (text[i] !== '@') break;
    const index = i++;
    skip();
    const name = identifier();
    if (name === null || annotations.has(name)) return null;
    skip();
    let value: string | null = null;
    if (text[i] === '(') {
      i++;
      skip();
      const literal = stringLiteral(text, i, span.end);
      if (literal === null) return null;
      value = literal.value;
      i = literal.end;
      skip();
      if (text[i] !== ')') return null;
      i++;
    }
    annotations.set(name, { value, index });
  }
  const effect = identifier();
  return effect === 'permit' || effect === 'forbid' ? { annotations, effect } : null;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '\\': '\\',
  '0': '\0',
  "'": "'",
  '"': '"',
};

/** A Cedar string literal starting at `start` (its opening quote), unescaped as Cedar does. */
function stringLiteral(text: string, start: number, limit: number): { value: string; end: number } | null {
  if (text[start] !== '"') return null;
  let value = '';
  for (let i = start + 1; i < limit; i++) {
    const char = text[i]!;
    if (char === '"') return { value, end: i + 1 };
    if (char !== '\\') {
      value += char;
      continue;
    }
    const kind = text[++i];
    if (kind === undefined) return null;
    if (kind in SIMPLE_ESCAPES) {
      value += SIMPLE_ESCAPES[kind];
    } else if (kind === 'x') {
      const code = /^[0-7][0-9A-Fa-f]/.exec(text.slice(i + 1, i + 3));
      if (!code) return null;
      value += String.fromCharCode(parseInt(code[0], 16));
      i += 2;
    } else if (kind === 'u') {
      const code = /^\{([0-9A-Fa-f]{1,6})\}/.exec(text.slice(i + 1, i + 9));
      const point = code ? parseInt(code[1]!, 16) : -1;
      if (point < 0 || point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) return null;
      value += String.fromCodePoint(point);
      i += code![0].length;
    } else {
      return null;
    }
  }
  return null;
}
