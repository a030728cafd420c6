import { DEFAULT_REDACTION_RULES, type RedactionRules } from './rules';

/**
 * How an SDK rebuilds the engine from sdk/redaction-rules.json. The TypeScript engine in this folder
 * is the reference; these notes say what it does in words, next to the data.
 */
export const REDACTION_SEMANTICS = {
  regex:
    'JavaScript: new RegExp(pattern, flags) without the u flag. Python: re.compile(pattern, re.ASCII | flags) ' +
    'with i -> re.I, m -> re.M, s -> re.S. Patterns use only syntax that means the same in both.',
  scan:
    'Existing placeholders (placeholder.pattern) split a string into pieces; each piece is scanned on its own ' +
    'as if it were the whole string, so nothing is found across or inside a placeholder. A piece is scanned ' +
    'left to right: at each position the first pattern in list order that matches and whose validator ' +
    'accepts the secret text wins; a rejected candidate lets later patterns try the same position, then the ' +
    'search moves on by one character; after a match, scanning resumes at its end, so findings never ' +
    'overlap. Only the secret (secret_group, or the whole match) is replaced by the placeholder; the text ' +
    'around it is kept. Then the stretches between findings are scanned again as pieces of their own, until ' +
    'none yields a finding (a look-around may have been blocked by a secret that is now gone); this fixpoint ' +
    'makes redaction idempotent. `requires` is a pre-filter only: a piece with none of those characters ' +
    'cannot match that pattern.',
  validators:
    'luhn: 13-19 digits (separators ignored) with a valid Luhn checksum. iban_mod97: spaces removed, country in ' +
    'iban_lengths with that exact length, ISO 7064 mod-97 remainder 1. ssn: area not 000, 666 or 9xx, group not ' +
    '00, serial not 0000. ipv4: four octets 0-255 without leading zeros. ipv6: RFC 4291 text form (eight ' +
    'hextets, or fewer around one "::", optional trailing dotted quad); a compressed form needs two explicit ' +
    'hextets unless it starts with "::". entropy: at least entropy.min_length code points and Shannon entropy ' +
    '>= entropy.min_bits_per_char.',
  keys:
    'Normalise a key: apply keys.normalization.split_patterns in order, globally, replacing each match with ' +
    'group 1 + "_" + group 2; lower-case; replace runs of separator_pattern with "_"; strip leading and ' +
    'trailing "_". A key is judged after its own secrets are redacted (see values), with every ' +
    'placeholder in it replaced by a space. A key longer than max_name_length ' +
    'code points is plain. A normalised name in not_sensitive is ' +
    'plain. Otherwise it is sensitive when "_" + name + "_" contains "_" + s + "_" for some s in sensitive, ' +
    'and key-like when the same holds for some s in secret_hints.',
  values:
    'Walk the JSON value depth-first, keys in order. Under a sensitive key (at any depth below it) every ' +
    'non-empty string and every number becomes the sensitive_type placeholder; booleans, null and strings ' +
    'that already are a placeholder are kept. Other strings are scanned. A string directly under a key-like ' +
    'key (or in an array there) with no finding, no skip_pattern match and no placeholder, that passes the ' +
    'entropy test, becomes the entropy.type placeholder. Object keys are scanned too; a redacted key that ' +
    'collides with another key of the same object gets "#2", "#3"... appended, and its mark has target "key". ' +
    'In an object with a pair_value_fields key, a pair_name_fields sibling that fully matches ' +
    'keys.pair_name_pattern decides that value as a key name would; likewise the first element of a ' +
    'two-element array decides the second.',
  marks:
    'Each replacement yields {path, type, hash} in order of occurrence, hash = the caller-supplied hash of ' +
    'the original secret text (numbers as their JSON text). Paths are dot/bracket notation below the base ' +
    'path: identifiers ([A-Za-z_$][A-Za-z0-9_$]*) after a dot, other keys as JSON strings in brackets, ' +
    'array indexes in brackets.',
  depth: 'An object or array nested deeper than max_depth becomes the depth_limit placeholder.',
} as const;

/** Prettier's line width in this repository: arrays that fit on one line are printed on one line. */
const WIDTH = 110;

/** JSON with 2-space indentation and sorted keys, laid out as Prettier lays it out. */
function print(value: unknown, indent: string, lineSoFar: number, trailing: number): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((item) => item === null || typeof item !== 'object')) {
      const flat = `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
      if (lineSoFar + flat.length + trailing <= WIDTH) return flat;
    }
    const items = value.map(
      (item, i) => inner + print(item, inner, inner.length, i < value.length - 1 ? 1 : 0),
    );
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  const keys = Object.keys(value).sort();
  if (keys.length === 0) return '{}';
  const entries = keys.map((key, i) => {
    const head = `${inner}${JSON.stringify(key)}: `;
    const item = (value as Record<string, unknown>)[key];
    return head + print(item, inner, head.length, i < keys.length - 1 ? 1 : 0);
  });
  return `{\n${entries.join(',\n')}\n${indent}}`;
}

/** The rules file for the SDKs: the rules plus their semantics, keys sorted, 2-space JSON, final newline. */
export function redactionRulesDocument(rules: RedactionRules = DEFAULT_REDACTION_RULES): string {
  return `${print({ ...rules, semantics: REDACTION_SEMANTICS }, '', 0, 0)}\n`;
}
