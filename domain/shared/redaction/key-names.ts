import { type RedactionRules } from './rules';

export interface KeyClass {
  /** The whole value is a credential (authorization, password, x-api-key...). */
  readonly sensitive: boolean;
  /** Key-like name: a random-looking string value is redacted whole. */
  readonly secretHint: boolean;
}

const PLAIN: KeyClass = { sensitive: false, secretHint: false };
const CACHE_LIMIT = 4096;

/**
 * Decides what a key name says about its value. Names are normalised to snake_case segments
 * (`X-Api-Key`, `apiKey` and `API_KEY` all become `x_api_key` / `api_key`), then a listed name must
 * appear as whole segments: `token` matches `auth_token` but not `input_tokens` or `tokenizer`.
 */
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
    // Long keys are content; the cap also bounds the normalising expressions' backtracking.
    const tooLong = key.length > this.maxLength && [...key].length > this.maxLength;
    const result = tooLong ? PLAIN : this.compute(key);
    // Bounded: payload keys are attacker-chosen, and a cleared cache only costs a recomputation.
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
