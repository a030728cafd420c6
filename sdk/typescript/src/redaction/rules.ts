import bundled from '../redaction-rules.json';

/**
 * The shape of sdk/redaction-rules.json, which the server exports from its own engine. The SDK keeps
 * no list of its own: every pattern, key name and threshold comes from this data, and the prose in
 * its `semantics` member is what the interpreter in this folder implements.
 */
export interface RedactionPattern {
  readonly name: string;
  readonly type: string;
  readonly pattern: string;
  /** A subset of "ims". */
  readonly flags: string;
  readonly validator?: string;
  /** 1-based capture group holding the secret; absent: the whole match. */
  readonly secret_group?: number;
  /** Pre-filter: a text with none of these characters cannot match. */
  readonly requires?: string;
}

export interface RedactionRules {
  readonly version: number;
  readonly placeholder: { readonly format: string; readonly pattern: string; readonly requires: string };
  readonly keys: {
    readonly normalization: {
      readonly split_patterns: readonly string[];
      readonly separator_pattern: string;
    };
    readonly sensitive: readonly string[];
    readonly max_name_length: number;
    readonly not_sensitive: readonly string[];
    readonly sensitive_type: string;
    readonly secret_hints: readonly string[];
    readonly pair_name_fields: readonly string[];
    readonly pair_value_fields: readonly string[];
    readonly pair_name_pattern: string;
  };
  readonly entropy: {
    readonly type: string;
    readonly min_length: number;
    readonly min_bits_per_char: number;
    readonly skip_pattern: string;
  };
  readonly patterns: readonly RedactionPattern[];
  readonly iban_lengths: Readonly<Record<string, number>>;
  readonly max_depth: number;
}

/** The rules format this interpreter understands; a newer file must be met by a newer SDK. */
export const SUPPORTED_RULES_VERSION = 1;

export function checkRules(rules: RedactionRules): RedactionRules {
  if (rules.version !== SUPPORTED_RULES_VERSION)
    throw new Error(
      `redaction rules version ${String(rules.version)} is not supported (this SDK reads version ${SUPPORTED_RULES_VERSION})`,
    );
  for (const pattern of rules.patterns)
    if (!/^[ims]*$/.test(pattern.flags))
      throw new Error(`redaction pattern ${pattern.name}: flags must be in "ims"`);
  return rules;
}

/** The rules this SDK version ships with (a copy of sdk/redaction-rules.json). */
export const DEFAULT_RULES: RedactionRules = checkRules(bundled as RedactionRules);
