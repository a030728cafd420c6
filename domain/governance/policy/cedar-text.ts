/**
 * Pieces of Cedar syntax that the rule compiler and the argument summary share. Pure: Cedar is the
 * language policies are written in, not a dependency of the domain.
 */

/** Cedar's JSON value format, as the authorizer receives context values. */
export interface CedarDecimal {
  readonly __extn: { readonly fn: 'decimal'; readonly arg: string };
}
export type CedarValue = string | number | boolean | CedarDecimal | readonly CedarValue[] | CedarRecord;
export interface CedarRecord {
  readonly [key: string]: CedarValue;
}

/**
 * Keys that Cedar's JSON format reads as escapes (`__entity` makes an entity reference, `__extn` an
 * extension value). Caller-controlled data must never carry them, or an argument could forge them.
 */
export const CEDAR_JSON_ESCAPES: ReadonlySet<string> = new Set(['__entity', '__extn', '__expr']);

/** Cedar's decimal: 4 fractional digits in an i64, so |value| < 922,337,203,685,477.5808. */
export const DECIMAL_FRACTION_DIGITS = 4;
/** The largest magnitude whose every 4-digit rounding stays inside Cedar's decimal range. */
export const DECIMAL_MAX = 922_337_203_685_477;
/** The largest double below 2^63: the biggest number Cedar's i64 `Long` can take from JSON. */
export const LONG_MAX = 2 ** 63 - 1024;

/** Replaces lone surrogates with U+FFFD: Cedar (Rust) strings must be valid Unicode. */
export function wellFormed(text: string): string {
  // Fast path: nearly every string is already well formed.
  if (!/[\uD800-\uDFFF]/.test(text)) return text;
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** The characters of a Cedar string literal (without quotes). */
function escapeChars(text: string, escapeStar: boolean): string {
  let out = '';
  for (const char of wellFormed(text)) {
    const code = char.codePointAt(0)!;
    if (char === '\\') out += '\\\\';
    else if (char === '"') out += '\\"';
    else if (char === '*' && escapeStar) out += '\\*';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u{${code.toString(16)}}`;
    else out += char;
  }
  return out;
}

/** A Cedar string literal, quoted and escaped. */
export function cedarString(text: string): string {
  return `"${escapeChars(text, false)}"`;
}

/** One piece of a glob: literal text, or `*` (any run of characters). */
export type GlobPart = { readonly literal: string } | 'wildcard';

/** A Cedar `like` pattern literal: literal `*` is written `\*`, a wildcard is a bare `*`. */
export function cedarLikePattern(parts: readonly GlobPart[]): string {
  return `"${parts.map((part) => (part === 'wildcard' ? '*' : escapeChars(part.literal, true))).join('')}"`;
}

const RESERVED = new Set(['true', 'false', 'if', 'then', 'else', 'in', 'is', 'like', 'has', '__cedar']);

/** Attribute access: `.name` when `name` is a plain identifier, else `["name"]`. */
export function cedarAttribute(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !RESERVED.has(name) ? `.${name}` : `[${cedarString(name)}]`;
}

/** `decimal("…")` argument text for a number that fits Cedar's decimal, rounded to 4 digits. */
export function decimalText(value: number): string {
  const fixed = value.toFixed(DECIMAL_FRACTION_DIGITS).replace(/0{1,3}$/, '');
  return /^-0\.0+$/.test(fixed) ? '0.0' : fixed;
}
