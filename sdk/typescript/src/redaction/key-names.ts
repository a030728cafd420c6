import { type RedactionRules } from './rules';

/** What a key name says about its value. */
export interface KeyClass {
  /** Every string and number below it is a credential. */
  readonly sensitive: boolean;
  /** Key-like: a random-looking string directly below it is a secret. */
  readonly secretHint: boolean;
}

const PLAIN: KeyClass = { sensitive: false, secretHint: false };
const CACHE_LIMIT = 4096;

/** The `keys` semantics: normalise to snake_case, then look for listed names as whole segments. */
export class KeyNames {
  private readonly splits: readonly RegExp[];
  private readonly separators: RegExp;
  private readonly sensitive: readonly string[];
  private readonly hints: readonly string[];
  private readonly exempt: ReadonlySet<string>;
  private readonly maxLength: number;
  private readonly cache = new Map<string, KeyClass>();

  constructor(keys: RedactionRules['keys']) {
    this.splits = keys.normalization.split_patterns.map((source) => new RegExp(source, 'g'));
    this.separators = new RegExp(keys.normalization.separator_pattern, 'g');
    this.sensitive = keys.sensitive.map((name) => `_${name}_`);
    this.hints = keys.secret_hints.map((name) => `_${name}_`);
    this.exempt = new Set(keys.not_sensitive);
    this.maxLength = keys.max_name_length;
  }

  normalize(key: string): string {
    let name = key;
    for (const split of this.splits) name = name.replace(split, '$1_$2');
    return name
      .toLowerCase()
      .replace(this.separators, '_')
      .replace(/^_+|_+$/g, '');
  }

  classify(key: string): KeyClass {
    const cached = this.cache.get(key);
    if (cached) return cached;
    // Longer than max_name_length code points: content rather than a name.
    const tooLong = key.length > this.maxLength && [...key].length > this.maxLength;
    const result = tooLong ? PLAIN : this.compute(key);
    // Keys are chosen by whoever wrote the payload: the cache is bounded.
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, result);
    return result;
  }

  private compute(key: string): KeyClass {
    const name = this.normalize(key);
    if (name === '' || this.exempt.has(name)) return PLAIN;
    const wrapped = `_${name}_`;
    const sensitive = this.sensitive.some((segment) => wrapped.includes(segment));
    const secretHint = sensitive || this.hints.some((segment) => wrapped.includes(segment));
    return sensitive || secretHint ? { sensitive, secretHint } : PLAIN;
  }
}
