import {
  CEDAR_JSON_ESCAPES,
  type CedarDecimal,
  type CedarRecord,
  type CedarValue,
  DECIMAL_MAX,
  LONG_MAX,
  decimalText,
  wellFormed,
} from './cedar-text';

/**
 * Turns arbitrary JSON (a tool call's arguments, a run's metadata) into a bounded record that Cedar
 * accepts, so that evaluation cost stays flat whatever an agent sends, and nothing an agent sends
 * can make the authorizer fail. Cedar has no floats, no null and no lists (only sets), and reads
 * some keys as escapes; the choices below keep as much as policies can use:
 *
 * - integers stay `Long`s; magnitudes at or past 2^63 are clamped to Cedar's range, which keeps
 *   their order, so `amount > 100` still fires for `1e30` (a string would slip past the rule);
 * - other numbers become `decimal`s rounded to Cedar's 4 fractional digits (same reason: `100.00001`
 *   must still compare as a number), or the nearest integer past decimal's range;
 * - strings are made valid Unicode and cut to `maxStringLength`; booleans stay; `null` is dropped;
 * - arrays become Sets when every kept element has one scalar type (`["a","b"]`, `[1,2]`), else
 *   (mixed types, nested records or arrays) their JSON text, cut like any string;
 * - records nest `maxDepth` levels below the root; deeper records become their JSON text;
 * - at most `maxKeysPerRecord` keys per record and `maxNodes` values overall; longer keys and
 *   Cedar's escape keys (`__entity`, `__extn`, `__expr`) are dropped.
 *
 * Whenever a limit cuts or leaves out a value, or an escape key is dropped, `truncated` is set, so
 * a policy can fail closed on it (`null` carries nothing, so dropping it is no loss).
 * `types` maps each kept value's dotted path to its kind, because a Cedar expression cannot ask a
 * value for its type, and comparing a `Long` with a `decimal` is an error; compiled rules test the
 * kind first. Paths through empty keys or keys that contain a dot are left out of `types`.
 */

export const ARGUMENT_KINDS = ['string', 'long', 'decimal', 'boolean', 'set', 'record'] as const;
export type ArgumentKind = (typeof ARGUMENT_KINDS)[number];

export interface SummaryLimits {
  /** Levels of records below the root record. */
  readonly maxDepth: number;
  readonly maxKeysPerRecord: number;
  /** Values kept overall: record entries plus Set elements. */
  readonly maxNodes: number;
  readonly maxStringLength: number;
  readonly maxSetSize: number;
  readonly maxKeyLength: number;
  /** Characters of all strings together. */
  readonly maxTextLength: number;
}

export const SUMMARY_LIMITS: SummaryLimits = {
  maxDepth: 4,
  maxKeysPerRecord: 64,
  maxNodes: 512,
  maxStringLength: 1000,
  maxSetSize: 64,
  maxKeyLength: 128,
  maxTextLength: 32_000,
};

export interface ArgumentSummary {
  readonly values: CedarRecord;
  readonly types: Readonly<Record<string, ArgumentKind>>;
  readonly truncated: boolean;
}

/** A JSON value that is not a record at the top (a bare string, a list) is kept under this key. */
export const BARE_VALUE_KEY = 'value';

type Scalar = {
  kind: 'string' | 'long' | 'decimal' | 'boolean';
  value: string | number | boolean | CedarDecimal;
};

class Summarizer {
  truncated = false;
  readonly types: Record<string, ArgumentKind> = Object.create(null) as Record<string, ArgumentKind>;
  private nodes = 0;
  private text = 0;

  constructor(private readonly limits: SummaryLimits) {}

  record(source: object, depth: number, path: string | null): CedarRecord {
    // No prototype: a `__proto__` or `constructor` key is just a key here.
    const out = Object.create(null) as Record<string, CedarValue>;
    let keys = 0;
    for (const rawKey of Object.keys(source)) {
      if (keys >= this.limits.maxKeysPerRecord || this.nodes >= this.limits.maxNodes) {
        this.truncated = true;
        break;
      }
      const key = wellFormed(rawKey);
      if (key.length > this.limits.maxKeyLength || CEDAR_JSON_ESCAPES.has(key) || key in out) {
        this.truncated = true;
        continue;
      }
      // A dotted or empty key cannot be told apart from nesting in a dotted path: no `types` entry.
      const untyped = path === null || key === '' || key.includes('.');
      const childPath = untyped ? null : path === '' ? key : `${path}.${key}`;
      this.nodes++; // before the children, so that they see what is left of the budget
      const kept = this.value((source as Record<string, unknown>)[rawKey], depth, childPath);
      if (kept === undefined) {
        this.nodes--;
        continue;
      }
      out[key] = kept.value;
      keys++;
      if (childPath !== null) this.types[childPath] = kept.kind;
    }
    return out;
  }

  private value(
    raw: unknown,
    depth: number,
    path: string | null,
  ): { kind: ArgumentKind; value: CedarValue } | undefined {
    if (Array.isArray(raw)) return this.list(raw);
    if (typeof raw === 'object' && raw !== null) {
      if (depth >= this.limits.maxDepth) return this.asText(raw);
      return { kind: 'record', value: this.record(raw, depth + 1, path) };
    }
    return this.scalar(raw);
  }

  private scalar(raw: unknown): Scalar | undefined {
    switch (typeof raw) {
      case 'string':
        return this.string(raw);
      case 'boolean':
        return { kind: 'boolean', value: raw };
      case 'number':
        return number(raw);
      case 'bigint':
        return number(Number(raw));
      default:
        // null, undefined, functions, symbols: nothing a policy could test.
        return undefined;
    }
  }

  private string(raw: string): Scalar | undefined {
    const room = Math.min(this.limits.maxStringLength, this.limits.maxTextLength - this.text);
    if (room <= 0 && raw.length > 0) {
      this.truncated = true;
      return undefined;
    }
    let text = raw;
    if (text.length > room) {
      this.truncated = true;
      // Never split a surrogate pair.
      const end = /[\uD800-\uDBFF]/.test(text[room - 1] ?? '') ? room - 1 : room;
      text = text.slice(0, end);
    }
    text = wellFormed(text);
    this.text += text.length;
    return { kind: 'string', value: text };
  }

  private list(raw: readonly unknown[]): { kind: ArgumentKind; value: CedarValue } | undefined {
    const elements: Scalar[] = [];
    for (const item of raw) {
      if (item === null || item === undefined) continue;
      if (typeof item === 'object') return this.asText(raw);
      const scalar = this.scalarPeek(item);
      if (scalar === undefined) continue;
      if (elements.length > 0 && elements[0]!.kind !== scalar.kind) return this.asText(raw);
      elements.push(scalar);
    }
    // Only now, when a Set is certain, spend the budgets (and dedupe: Cedar would anyway).
    const seen = new Set<string>();
    const set: CedarValue[] = [];
    for (const element of elements) {
      if (set.length >= this.limits.maxSetSize || this.nodes >= this.limits.maxNodes) {
        this.truncated = true;
        break;
      }
      const kept = element.kind === 'string' ? this.string(element.value as string) : element;
      if (kept === undefined) continue;
      const identity = `${kept.kind}:${kept.kind === 'decimal' ? (kept.value as CedarDecimal).__extn.arg : String(kept.value)}`;
      if (seen.has(identity)) continue;
      seen.add(identity);
      set.push(kept.value);
      this.nodes++;
    }
    return { kind: 'set', value: set };
  }

  /** Classifies a list element without spending the string budget yet. */
  private scalarPeek(raw: unknown): Scalar | undefined {
    if (typeof raw === 'string') return { kind: 'string', value: raw };
    return this.scalar(raw);
  }

  /** Structure Cedar cannot hold within the limits keeps its content as text (cut like any string). */
  private asText(raw: object): { kind: ArgumentKind; value: CedarValue } | undefined {
    const kept = this.string(boundedJson(raw, this.limits.maxStringLength + 1));
    return kept && { kind: kept.kind, value: kept.value };
  }
}

/** A number as Cedar can hold it; see the file comment for why out-of-range values are clamped. */
function number(raw: number): Scalar | undefined {
  if (Number.isNaN(raw)) return undefined;
  if (Number.isInteger(raw) || !Number.isFinite(raw)) {
    const clamped = Math.max(-LONG_MAX, Math.min(LONG_MAX, raw));
    return { kind: 'long', value: clamped === 0 ? 0 : clamped };
  }
  if (Math.abs(raw) < DECIMAL_MAX)
    return { kind: 'decimal', value: { __extn: { fn: 'decimal', arg: decimalText(raw) } } };
  return { kind: 'long', value: Math.round(raw) };
}

/**
 * JSON text of a value, stopping once `limit` characters are written: enough to match on with
 * `like`, without serialising a huge or cyclic structure in full.
 */
export function boundedJson(value: unknown, limit: number): string {
  let out = '';
  const ancestors = new Set<object>();
  const write = (v: unknown): void => {
    if (out.length >= limit) return;
    if (typeof v === 'string') out += JSON.stringify(v.length > limit ? v.slice(0, limit) : v);
    else if (typeof v === 'number') out += Number.isFinite(v) ? String(v) : 'null';
    else if (typeof v === 'boolean') out += String(v);
    else if (typeof v === 'bigint') out += v.toString();
    else if (typeof v !== 'object' || v === null || ancestors.has(v)) out += 'null';
    else {
      ancestors.add(v);
      const isArray = Array.isArray(v);
      out += isArray ? '[' : '{';
      let first = true;
      for (const key of Object.keys(v)) {
        if (out.length >= limit) break;
        const item = (v as Record<string, unknown>)[key];
        if (!isArray && (item === undefined || typeof item === 'function' || typeof item === 'symbol'))
          continue;
        if (!first) out += ',';
        first = false;
        if (!isArray) out += `${JSON.stringify(key)}:`;
        write(item);
      }
      out += isArray ? ']' : '}';
      ancestors.delete(v);
    }
  };
  write(value);
  return out.length > limit ? out.slice(0, limit) : out;
}

/** The bounded, Cedar-safe summary of `value`; see the file comment. Never throws on JSON input. */
export function summarizeArguments(value: unknown, limits: SummaryLimits = SUMMARY_LIMITS): ArgumentSummary {
  const summarizer = new Summarizer(limits);
  const isRecord = typeof value === 'object' && value !== null && !Array.isArray(value);
  const source = isRecord ? value : value === null || value === undefined ? {} : { [BARE_VALUE_KEY]: value };
  const values = summarizer.record(source, 0, '');
  return { values, types: summarizer.types, truncated: summarizer.truncated };
}
