import { createHash } from 'node:crypto';
import { type KeyClass, KeyNames } from './key-names';
import { DEFAULT_RULES, type RedactionRules, checkRules } from './rules';
import { type Finding, TextScanner } from './scanner';
import { looksRandom } from './validators';

/** Where a placeholder was put, of which type, and a hash of what it replaced. */
export interface RedactionMark {
  readonly path: string;
  readonly type: string;
  readonly hash: string;
  /** Present when the placeholder replaced part of the object key at `path`, not its value. */
  readonly target?: 'key';
}

export interface Redacted<T = unknown> {
  readonly value: T;
  readonly marks: readonly RedactionMark[];
}

export interface RedactOptions {
  /** Prefix of every mark's path, e.g. "input". */
  readonly basePath?: string;
  /** Hash of a secret's text for its mark; SHA-256 hex by default (the server keys an HMAC per tenant). */
  readonly hash?: (secret: string) => string;
}

export interface Sanitizer {
  /** A deep copy of `value` with every secret and personal datum replaced by a typed placeholder. */
  sanitize<T>(value: T): T;
  /** `sanitize`, plus where each placeholder went. */
  redact<T>(value: T, options?: RedactOptions): Redacted<T>;
}

/** What a value's position says about it, weakest first: the stronger of two is their maximum. */
const NORMAL = 0;
const HINTED = 1;
const SENSITIVE = 2;
type Mode = typeof NORMAL | typeof HINTED | typeof SENSITIVE;

const modeOf = (keyClass: KeyClass): Mode =>
  keyClass.sensitive ? SENSITIVE : keyClass.secretHint ? HINTED : NORMAL;
const strongest = (a: Mode, b: Mode): Mode => (a > b ? a : b);
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The compiled rules, shared by every call. */
class Engine {
  readonly scanner: TextScanner;
  readonly keyNames: KeyNames;
  readonly isPlaceholder: RegExp;
  readonly placeholders: RegExp;
  readonly containsPlaceholder: RegExp;
  readonly entropySkip: RegExp;
  readonly pairName: RegExp;
  readonly pairValues: ReadonlySet<string>;

  constructor(readonly rules: RedactionRules) {
    this.scanner = new TextScanner(rules);
    this.keyNames = new KeyNames(rules.keys);
    this.isPlaceholder = new RegExp(`^(?:${rules.placeholder.pattern})$`);
    this.placeholders = new RegExp(rules.placeholder.pattern, 'g');
    this.containsPlaceholder = new RegExp(rules.placeholder.pattern);
    this.entropySkip = new RegExp(rules.entropy.skip_pattern);
    this.pairName = new RegExp(`^(?:${rules.keys.pair_name_pattern})$`);
    this.pairValues = new Set(rules.keys.pair_value_fields);
  }

  placeholder(type: string): string {
    return this.rules.placeholder.format.replace('{type}', type);
  }

  /** A key is judged with the placeholders in it read as spaces. */
  keyMode(key: string): Mode {
    return modeOf(this.keyNames.classify(key.replace(this.placeholders, ' ')));
  }

  /** A pair's name decides its value only when it looks like a name. */
  pairMode(name: unknown): Mode {
    return typeof name === 'string' && this.pairName.test(name)
      ? modeOf(this.keyNames.classify(name))
      : NORMAL;
  }

  replace(text: string, findings: readonly Finding[]): string {
    let out = '';
    let at = 0;
    for (const finding of findings) {
      out += text.slice(at, finding.start) + this.placeholder(finding.type);
      at = finding.end;
    }
    return out + text.slice(at);
  }
}

/** One walk over a value (the `values`, `marks` and `depth` semantics). */
class Walk {
  readonly marks: RedactionMark[] = [];
  private readonly segments: (string | number)[] = [];

  constructor(
    private readonly engine: Engine,
    private readonly hash: ((secret: string) => string) | null,
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

  private array(items: readonly unknown[], mode: Mode, depth: number): unknown[] {
    // ["authorization", "Bearer ..."]: the first of two elements decides the second.
    const second =
      mode !== SENSITIVE && items.length === 2 ? strongest(mode, this.engine.pairMode(items[0])) : mode;
    const out = new Array<unknown>(items.length);
    for (let i = 0; i < items.length; i++) {
      this.segments.push(i);
      out[i] = this.visit(items[i], i === 1 ? second : mode, depth + 1);
      this.segments.pop();
    }
    return out;
  }

  private object(source: Record<string, unknown>, mode: Mode, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(source)) {
      const findings = this.engine.scanner.scan(key);
      let outKey = key;
      let keyMode: Mode;
      if (findings.length > 0) {
        const redacted = this.engine.replace(key, findings);
        outKey = freeKey(redacted, source, out);
        keyMode = this.engine.keyMode(redacted);
      } else keyMode = this.engine.keyMode(key);
      this.segments.push(outKey);
      for (const finding of findings) this.mark(finding.type, finding.secret, 'key');
      let childMode: Mode = mode === SENSITIVE ? SENSITIVE : keyMode;
      if (childMode !== SENSITIVE && this.engine.pairValues.has(key))
        for (const field of this.engine.rules.keys.pair_name_fields)
          childMode = strongest(childMode, this.engine.pairMode(source[field]));
      const child = this.visit(source[key], childMode, depth + 1);
      // A plain assignment to "__proto__" would set the prototype instead of copying the member.
      if (outKey === '__proto__')
        Object.defineProperty(out, outKey, {
          value: child,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else out[outKey] = child;
      this.segments.pop();
    }
    return out;
  }

  private text(value: string, hinted: boolean): string {
    const findings = this.engine.scanner.scan(value);
    if (findings.length > 0) {
      for (const finding of findings) this.mark(finding.type, finding.secret);
      return this.engine.replace(value, findings);
    }
    const { entropy } = this.engine.rules;
    if (
      hinted &&
      !this.engine.entropySkip.test(value) &&
      !this.engine.containsPlaceholder.test(value) &&
      looksRandom(value, entropy)
    )
      return this.whole(value, entropy.type);
    return value;
  }

  private whole(value: string, type: string): string {
    if (value === '' || this.engine.isPlaceholder.test(value)) return value;
    this.mark(type, value);
    return this.engine.placeholder(type);
  }

  private tooDeep(value: object): string {
    if (this.hash) {
      let text = '';
      try {
        text = JSON.stringify(value) ?? '';
      } catch {
        // Too deep or cyclic to serialise: the mark then only says that something was here.
      }
      this.mark('depth_limit', text);
    }
    return this.engine.placeholder('depth_limit');
  }

  private mark(type: string, secret: string, target?: 'key'): void {
    if (!this.hash) return;
    const path = this.path();
    const hash = this.hash(secret);
    this.marks.push(target ? { path, type, hash, target } : { path, type, hash });
  }

  private path(): string {
    let path = this.base;
    for (const segment of this.segments) {
      if (typeof segment === 'number') path = `${path}[${segment}]`;
      else if (IDENTIFIER.test(segment)) path = path === '' ? segment : `${path}.${segment}`;
      else path = `${path}[${JSON.stringify(segment)}]`;
    }
    return path;
  }
}

/** A redacted key that collides with another key of the object gets "#2", "#3"... appended. */
function freeKey(base: string, source: object, out: object): string {
  let key = base;
  for (let n = 2; Object.hasOwn(out, key) || Object.hasOwn(source, key); n++) key = `${base}#${n}`;
  return key;
}

/** An engine built from a rules document (the bundled copy of sdk/redaction-rules.json by default). */
export function createSanitizer(rules: RedactionRules = DEFAULT_RULES): Sanitizer {
  const engine = new Engine(rules === DEFAULT_RULES ? rules : checkRules(rules));
  return {
    sanitize: <T>(value: T): T => new Walk(engine, null, '').visit(value, NORMAL, 0) as T,
    redact<T>(value: T, options: RedactOptions = {}): Redacted<T> {
      const walk = new Walk(engine, options.hash ?? sha256, options.basePath ?? '');
      const redacted = walk.visit(value, NORMAL, 0) as T;
      return { value: redacted, marks: walk.marks };
    },
  };
}

let defaultSanitizer: Sanitizer | null = null;
const sanitizer = (): Sanitizer => (defaultSanitizer ??= createSanitizer());

/**
 * A deep copy of a JSON value with secrets and personal data replaced by typed placeholders such as
 * `[REDACTED:email]`, exactly as the Cockpit server redacts what it stores. The input is not mutated
 * and sanitizing twice changes nothing.
 */
export function sanitize<T>(value: T): T {
  return sanitizer().sanitize(value);
}

/** `sanitize`, plus a mark per placeholder. */
export function redact<T>(value: T, options?: RedactOptions): Redacted<T> {
  return sanitizer().redact(value, options);
}
