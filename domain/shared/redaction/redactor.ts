import { isPlainObject, setOwn } from '../own-property';
import { KeyNames, type KeyClass } from './key-names';
import { type RedactionMark } from './redaction-mark';
import { type PathSegment, formatPath } from './redaction-path';
import { DEFAULT_REDACTION_RULES, type RedactionRules, type RedactionType } from './rules';
import { type Finding, TextScanner } from './text-scanner';
import { looksRandom } from './validators';

export type { RedactionMark } from './redaction-mark';

/** The redacted copy and where its placeholders are; a mark's `type` is always a RedactionType. */
export interface Redacted<T = unknown> {
  readonly value: T;
  readonly marks: readonly RedactionMark[];
}

/** Infrastructure passes an HMAC-SHA256 keyed per tenant; the domain only needs a function. */
export type RedactionHash = (value: string) => string;

export const placeholder = (type: RedactionType): string =>
  DEFAULT_REDACTION_RULES.placeholder.format.replace('{type}', type);

/** What a value's position says about it, weakest first, so the strongest of two is their maximum. */
const NORMAL = 0;
/** Under a key-like name: a random-looking string is a secret. */
const HINTED = 1;
/** Under a sensitive key: every string and number leaf is a credential. */
const SENSITIVE = 2;
type Mode = typeof NORMAL | typeof HINTED | typeof SENSITIVE;

const strongest = (a: Mode, b: Mode): Mode => (a > b ? a : b);
const modeOf = (keyClass: KeyClass): Mode =>
  keyClass.sensitive ? SENSITIVE : keyClass.secretHint ? HINTED : NORMAL;

/** Both caches are bounded (payloads are attacker-chosen); clearing one only costs recomputation. */
const CACHE_SIZE = 4096;
const CACHED_TEXT_LENGTH = 64;
const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/** The compiled, hash-independent part: built once per rules object and shared by every Redactor. */
class Engine {
  readonly scanner: TextScanner;
  readonly keys: KeyNames;
  readonly isPlaceholder: RegExp;
  readonly placeholders: RegExp;
  readonly containsPlaceholder: RegExp;
  readonly entropySkip: RegExp;
  readonly pairNames: readonly string[];
  private readonly pairName: RegExp;
  readonly pairValues: ReadonlySet<string>;
  private readonly cleanKeys = new Map<string, KeyEntry>();
  /** Short values repeat as much as keys do ("user", "GET", "application/json"). Secrets are never kept. */
  private readonly cleanTexts = new Set<string>();

  constructor(readonly rules: RedactionRules) {
    this.scanner = new TextScanner(rules);
    this.keys = new KeyNames(rules.keys);
    this.isPlaceholder = new RegExp(`^(?:${rules.placeholder.pattern})$`);
    this.placeholders = new RegExp(rules.placeholder.pattern, 'g');
    this.containsPlaceholder = new RegExp(rules.placeholder.pattern);
    this.entropySkip = new RegExp(rules.entropy.skip_pattern);
    this.pairNames = rules.keys.pair_name_fields;
    this.pairName = new RegExp(`^(?:${rules.keys.pair_name_pattern})$`);
    this.pairValues = new Set(rules.keys.pair_value_fields);
  }

  placeholder(type: RedactionType): string {
    return this.rules.placeholder.format.replace('{type}', type);
  }

  /** The scanner's findings in a string value; short strings without any are remembered. */
  scan(text: string): readonly Finding[] {
    const short = text.length <= CACHED_TEXT_LENGTH;
    if (short && this.cleanTexts.has(text)) return NO_FINDINGS;
    const findings = this.scanner.scan(text);
    if (short && findings.length === 0) {
      if (this.cleanTexts.size >= CACHE_SIZE) this.cleanTexts.clear();
      this.cleanTexts.add(text);
    }
    return findings;
  }

  /** What the name of a name/value pair says about its value; nothing unless it looks like a name. */
  pairMode(name: unknown): Mode {
    return typeof name === 'string' && this.pairName.test(name) ? modeOf(this.keys.classify(name)) : NORMAL;
  }

  /** Class of a key; placeholders in it are ignored, so a redacted key is judged like its first pass. */
  classify(key: string): KeyClass {
    return this.keys.classify(key.replace(this.placeholders, ' '));
  }

  /** Keys repeat endlessly ("role", "content"): clean ones are remembered, keys holding secrets never. */
  key(key: string): KeyEntry {
    const known = this.cleanKeys.get(key);
    if (known) return known;
    const findings = this.scanner.scan(key);
    if (findings.length > 0) {
      const redacted = replace(key, findings, this);
      return {
        findings,
        redacted,
        mode: modeOf(this.classify(redacted)),
        pairValue: this.pairValues.has(key),
      };
    }
    const entry = {
      findings,
      redacted: key,
      mode: modeOf(this.classify(key)),
      pairValue: this.pairValues.has(key),
    };
    if (this.cleanKeys.size >= CACHE_SIZE) this.cleanKeys.clear();
    this.cleanKeys.set(key, entry);
    return entry;
  }
}

interface KeyEntry {
  readonly findings: readonly Finding[];
  /** The key with its secrets replaced (the key itself when it has none). */
  readonly redacted: string;
  /** What the key says about its value. */
  readonly mode: Mode;
  /** Named like the value of a name/value pair. */
  readonly pairValue: boolean;
}

/** The properties of `source` that come before `key`, unchanged, in a fresh plain object. */
function copyBefore(source: Record<string, unknown>, key: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const earlier in source) {
    if (earlier === key) break;
    if (Object.hasOwn(source, earlier)) setOwn(out, earlier, source[earlier]);
  }
  return out;
}

function replace(text: string, findings: readonly Finding[], engine: Engine): string {
  let out = '';
  let at = 0;
  for (const finding of findings) {
    out += text.slice(at, finding.start) + engine.placeholder(finding.type);
    at = finding.end;
  }
  return out + text.slice(at);
}

const engines = new WeakMap<RedactionRules, Engine>();

function engineFor(rules: RedactionRules): Engine {
  let engine = engines.get(rules);
  if (!engine) engines.set(rules, (engine = new Engine(rules)));
  return engine;
}

/**
 * A JSON value with secrets and personal data replaced by typed placeholders, and where each one
 * was. Pure: hashing is injected, the input is never mutated, and redacting an already redacted
 * value changes nothing. The result is a copy along every path that changed and shares the rest
 * with the input (most payloads hold no secret, and copying them all cost more than scanning
 * them): treat both as read-only. The input is JSON data; an object or array that is not plain
 * data (a class instance) is always copied into a plain one.
 */
export class Redactor {
  private readonly engine: Engine;

  constructor(
    private readonly hash: RedactionHash,
    rules: RedactionRules = DEFAULT_REDACTION_RULES,
  ) {
    this.engine = engineFor(rules);
  }

  redact(value: unknown, basePath = ''): Redacted {
    const walk = new Walk(this.engine, this.hash, basePath);
    const redacted = walk.visit(value, NORMAL, 0);
    return { value: redacted, marks: walk.marks };
  }
}

/** The state of one `redact` call: the path below the base and the marks so far. */
class Walk {
  readonly marks: RedactionMark[] = [];
  private readonly segments: PathSegment[] = [];

  constructor(
    private readonly engine: Engine,
    private readonly hash: RedactionHash,
    private readonly base: string,
  ) {}

  visit(value: unknown, mode: Mode, depth: number): unknown {
    switch (typeof value) {
      case 'string':
        return mode === SENSITIVE
          ? this.whole(value, this.engine.rules.keys.sensitive_type)
          : this.text(value, mode === HINTED);
      case 'number':
      case 'bigint':
        return mode === SENSITIVE ? this.whole(String(value), this.engine.rules.keys.sensitive_type) : value;
      case 'object':
        if (value === null) return null;
        if (depth >= this.engine.rules.max_depth) return this.tooDeep(value);
        if (Array.isArray(value)) return this.array(value, mode, depth);
        if (typeof (value as { toJSON?: unknown }).toJSON === 'function')
          return this.visit((value as { toJSON(): unknown }).toJSON(), mode, depth);
        return this.object(value as Record<string, unknown>, mode, depth);
      default:
        return value;
    }
  }

  private array(items: readonly unknown[], mode: Mode, depth: number): readonly unknown[] {
    // ["authorization", "Bearer ..."]: a header as a name/value tuple.
    const second =
      mode !== SENSITIVE && items.length === 2 ? strongest(mode, this.engine.pairMode(items[0])) : mode;
    let out: unknown[] | undefined = Object.getPrototypeOf(items) === Array.prototype ? undefined : [];
    for (let i = 0; i < items.length; i++) {
      this.segments.push(i);
      const item = items[i];
      const child = this.visit(item, i === 1 ? second : mode, depth + 1);
      if (out === undefined && child !== item) out = items.slice(0, i);
      if (out !== undefined) out[i] = child;
      this.segments.pop();
    }
    return out ?? items;
  }

  private object(source: Record<string, unknown>, mode: Mode, depth: number): Record<string, unknown> {
    // Built only once something differs (a clean object is shared), and always for an object that
    // is not plain data, so that the result is plain data. `for...in` walks the keys without the
    // array Object.keys would allocate for every object of every payload.
    let out: Record<string, unknown> | undefined = isPlainObject(source) ? undefined : {};
    for (const key in source) {
      if (!Object.hasOwn(source, key)) continue;
      const entry = this.engine.key(key);
      let outKey = key;
      if (entry.findings.length > 0) {
        out ??= copyBefore(source, key);
        outKey = this.freeKey(entry.redacted, source, out);
      }
      this.segments.push(outKey);
      for (const finding of entry.findings) this.mark(finding.type, finding.secret, 'key');
      let childMode: Mode = mode === SENSITIVE ? SENSITIVE : entry.mode;
      if (entry.pairValue && childMode !== SENSITIVE)
        childMode = strongest(childMode, this.pairValueMode(source));
      const value = source[key];
      const child = this.visit(value, childMode, depth + 1);
      if (out === undefined && child !== value) out = copyBefore(source, key);
      if (out !== undefined) setOwn(out, outKey, child);
      this.segments.pop();
    }
    return out ?? source;
  }

  /** {"name": "x-api-key", "value": "..."}: the sibling name decides what the value is. */
  private pairValueMode(source: Record<string, unknown>): Mode {
    let mode: Mode = NORMAL;
    for (const field of this.engine.pairNames) mode = strongest(mode, this.engine.pairMode(source[field]));
    return mode;
  }

  /** A redacted key may collide with another key of the same object; number it rather than lose a value. */
  private freeKey(base: string, source: Record<string, unknown>, out: Record<string, unknown>): string {
    let key = base;
    for (let n = 2; Object.hasOwn(out, key) || Object.hasOwn(source, key); n++) key = `${base}#${n}`;
    return key;
  }

  private text(value: string, hinted: boolean): string {
    const findings = this.engine.scan(value);
    if (findings.length > 0) {
      for (const finding of findings) this.mark(finding.type, finding.secret);
      return replace(value, findings, this.engine);
    }
    if (
      hinted &&
      !this.engine.entropySkip.test(value) &&
      !this.engine.containsPlaceholder.test(value) &&
      looksRandom(value, this.engine.rules.entropy)
    )
      return this.whole(value, this.engine.rules.entropy.type);
    return value;
  }

  private whole(value: string, type: RedactionType): string {
    if (value === '' || this.engine.isPlaceholder.test(value)) return value;
    this.mark(type, value);
    return this.engine.placeholder(type);
  }

  private tooDeep(value: object): string {
    let text = '';
    try {
      text = JSON.stringify(value) ?? '';
    } catch {
      // Too deep or cyclic to serialise: the hash then only says "something deep was here".
    }
    this.mark('depth_limit', text);
    return this.engine.placeholder('depth_limit');
  }

  private mark(type: RedactionType, secret: string, target?: 'key'): void {
    const path = formatPath(this.base, this.segments);
    this.marks.push(
      target ? { path, type, hash: this.hash(secret), target } : { path, type, hash: this.hash(secret) },
    );
  }
}
