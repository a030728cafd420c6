/**
 * The redaction rules as plain data. The engine in this folder is built from this object, and
 * `npm run redaction:export` writes it to sdk/redaction-rules.json so the TypeScript and Python SDKs
 * rebuild the same engine instead of keeping their own lists.
 *
 * Patterns are written in the common subset of JavaScript RegExp (no `u` flag) and Python `re`
 * (compiled with re.ASCII): explicit ASCII classes instead of \d \w \s \b, no `.`, `^` only as the
 * start of the text (no m flag) and no `$`, no named groups or back-references, only fixed-width
 * look-behind. That keeps their meaning identical in both; test/redaction checks it against Python.
 */

export const REDACTION_TYPES = [
  'credential',
  'secret',
  'password',
  'private_key',
  'jwt',
  'bearer_token',
  'anthropic_key',
  'openai_key',
  'stripe_key',
  'github_token',
  'slack_token',
  'aws_access_key',
  'google_api_key',
  'cockpit_api_key',
  'cockpit_token',
  'email',
  'phone',
  'credit_card',
  'iban',
  'ssn',
  'ip_address',
  'depth_limit',
] as const;
export type RedactionType = (typeof REDACTION_TYPES)[number];

export const REDACTION_VALIDATORS = ['luhn', 'iban_mod97', 'ssn', 'ipv4', 'ipv6', 'entropy'] as const;
export type RedactionValidator = (typeof REDACTION_VALIDATORS)[number];

export interface ValuePattern {
  /** Unique, stable identifier (diagnostics, tests, SDK parity reports). */
  readonly name: string;
  readonly type: RedactionType;
  readonly pattern: string;
  /** A subset of "ims". */
  readonly flags: string;
  /** Checked on the secret text; a rejected candidate is not a match. */
  readonly validator?: RedactionValidator;
  /** 1-based capture group that holds the secret; the rest of the match is kept. Absent: the whole match. */
  readonly secret_group?: number;
  /**
   * Every match contains (or is preceded by) at least one of these characters, so a text containing
   * none of them is not scanned for this pattern. A pre-filter only: it never changes the result.
   */
  readonly requires?: string;
}

export interface RedactionRules {
  readonly version: number;
  readonly placeholder: {
    /** `{type}` is replaced by the redaction type. */
    readonly format: string;
    /** Matches a placeholder inside text: placeholders split text into pieces scanned on their own. */
    readonly pattern: string;
    /** Pre-filter, as for value patterns. */
    readonly requires: string;
  };
  readonly keys: {
    /** How a key name is normalised before it is compared (see key-names.ts). */
    readonly normalization: {
      /** Applied in order, globally: insert "_" between capture group 1 and capture group 2. */
      readonly split_patterns: readonly string[];
      /** After lower-casing, every run matching this becomes "_"; leading and trailing "_" are trimmed. */
      readonly separator_pattern: string;
    };
    /** A key is sensitive when one of these appears in its normalised name as whole "_" segments. */
    readonly sensitive: readonly string[];
    /** Longer keys are content, not names: they are never sensitive nor key-like. */
    readonly max_name_length: number;
    /** Normalised names that are never sensitive nor secret hints (token counts and the like). */
    readonly not_sensitive: readonly string[];
    /** The whole value (each string or number leaf) under a sensitive key is replaced by this type. */
    readonly sensitive_type: RedactionType;
    /** Segments that make a key "key-like": its string value is redacted whole if it looks random. */
    readonly secret_hints: readonly string[];
    /**
     * `{"name": "authorization", "value": "..."}` and `["authorization", "..."]`: the value is judged
     * by the name, if the name looks like a header or field name (a whole match of name_pattern).
     */
    readonly pair_name_fields: readonly string[];
    readonly pair_value_fields: readonly string[];
    readonly pair_name_pattern: string;
  };
  readonly entropy: {
    readonly type: RedactionType;
    /** In Unicode code points. */
    readonly min_length: number;
    /** Shannon entropy over code points. */
    readonly min_bits_per_char: number;
    /** Values with a match are not considered: generated secrets have no whitespace, sentences do. */
    readonly skip_pattern: string;
  };
  /** In order of priority: at one position the first pattern that matches and validates wins. */
  readonly patterns: readonly ValuePattern[];
  /** ISO 13616 IBAN length by country, used by the `iban_mod97` validator. */
  readonly iban_lengths: Readonly<Record<string, number>>;
  /** Deeper values are replaced whole (type depth_limit), so hostile nesting cannot exhaust the stack. */
  readonly max_depth: number;
}

// Building blocks. Each boundary is a one-character look-around so Python accepts it.
const NOT_AFTER_WORD = '(?<![A-Za-z0-9_])';
const NOT_BEFORE_WORD = '(?![A-Za-z0-9_])';
const NOT_AFTER_TOKEN = '(?<![A-Za-z0-9_\\-])';
/** Numbers must not continue into more digits, a decimal part or a dashed/dotted id. */
const NUMBER_END = '(?![A-Za-z0-9_]|[.\\-][0-9])';
const NUMBER_START = '(?<![A-Za-z0-9_.\\-])';
const DIGITS = '0123456789';
const UPPERCASE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const SECRET_WORDS = [
  '[Pp]ass(?:word|wd|phrase)',
  'PASS(?:WORD|WD|PHRASE)',
  '[Ss]ecret',
  'SECRET',
  '[Tt]oken',
  'TOKEN',
  '[Aa]pi[_\\-]?[Kk]ey',
  'API[_\\-]?KEY',
  '[Pp]rivate[_\\-]?[Kk]ey',
  'PRIVATE[_\\-]?KEY',
  '[Cc]redentials?',
  'CREDENTIALS?',
].join('|');
const HEADER_WORDS = '[Aa]uthorization|AUTHORIZATION|[Cc]ookie|COOKIE';
/** A value after `=`, up to a separator. */
const QUERY_VALUE = '([^ \\t\\r\\n&;,\'"<>#]+)';
/** "password": "..." inside a string; the closing quote is not consumed, as it may open the next key. */
const quotedSecret = (quote: string): string =>
  `${quote}[A-Za-z0-9_.\\-]*(?:${SECRET_WORDS}|${HEADER_WORDS})${quote}[ \\t]*:[ \\t]*${quote}((?:[^${quote}\\\\\\r\\n]|\\\\[\\s\\S])+)(?=${quote})`;

export const DEFAULT_REDACTION_RULES: RedactionRules = {
  version: 1,
  placeholder: { format: '[REDACTED:{type}]', pattern: '\\[REDACTED:[a-z0-9_]+\\]', requires: '[' },
  keys: {
    normalization: {
      split_patterns: ['([A-Z]+)([A-Z][a-z])', '([a-z0-9])([A-Z])'],
      separator_pattern: '[^a-z0-9]+',
    },
    sensitive: [
      'authorization',
      'proxy_authorization',
      'cookie',
      'set_cookie',
      'x_api_key',
      'api_key',
      'apikey',
      'x_auth_token',
      'x_amz_security_token',
      'password',
      'passwd',
      'passphrase',
      'secret',
      'client_secret',
      'private_key',
      'access_token',
      'refresh_token',
      'id_token',
      'token',
      'credential',
      'credentials',
    ],
    max_name_length: 128,
    not_sensitive: [
      'input_tokens',
      'output_tokens',
      'max_tokens',
      'total_tokens',
      'token_count',
      'prompt_tokens',
      'completion_tokens',
      'token_type',
      'token_ids',
      'token_usage',
      'token_limit',
      'token_budget',
    ],
    sensitive_type: 'credential',
    secret_hints: [
      'key',
      'keys',
      'apikey',
      'secret',
      'token',
      'password',
      'passwd',
      'credential',
      'credentials',
      'auth',
      'signature',
      'sig',
      'hmac',
    ],
    pair_name_fields: ['name', 'key'],
    pair_value_fields: ['value'],
    pair_name_pattern: '[A-Za-z][A-Za-z0-9_.\\-]{0,63}',
  },
  entropy: { type: 'secret', min_length: 16, min_bits_per_char: 3.5, skip_pattern: '[ \\t\\n\\r\\f\\v]' },
  patterns: [
    {
      name: 'pem_private_key',
      type: 'private_key',
      // Up to the END line; a truncated block is redacted up to where its base64 stops. The body
      // cannot contain "-----", which keeps the search for END linear even with many BEGIN lines.
      pattern:
        '-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----(?:(?:(?!-----)[\\s\\S])*-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=:,\\\\ \\t\\r\\n\\-]*)',
      flags: '',
      requires: 'Y',
    },
    {
      name: 'jwt',
      type: 'jwt',
      pattern: `${NOT_AFTER_TOKEN}eyJ[A-Za-z0-9_\\-]+\\.eyJ[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]*`,
      flags: '',
      requires: 'J',
    },
    {
      name: 'bearer_token',
      type: 'bearer_token',
      // 16+ characters, so prose such as "send a Bearer token" is left alone.
      pattern: `${NOT_AFTER_WORD}(?:Bearer|bearer|BEARER)[ \\t]+([A-Za-z0-9\\-._~+/]{16,}=*)`,
      flags: '',
      secret_group: 1,
      requires: 'Bb',
    },
    {
      name: 'anthropic_key',
      type: 'anthropic_key',
      pattern: `${NOT_AFTER_TOKEN}sk-ant-[A-Za-z0-9_\\-]{20,}`,
      flags: '',
      requires: '-',
    },
    {
      name: 'openai_key',
      type: 'openai_key',
      // Legacy keys have no dash after "sk-", which keeps words like "sk-learn-tutorial" out.
      pattern: `${NOT_AFTER_TOKEN}sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_\\-]{20,}|[A-Za-z0-9]{32,})`,
      flags: '',
      requires: '-',
    },
    {
      name: 'stripe_key',
      type: 'stripe_key',
      pattern: `${NOT_AFTER_WORD}(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9]{20,})`,
      flags: '',
      requires: '_',
    },
    {
      name: 'github_token',
      type: 'github_token',
      pattern: `${NOT_AFTER_WORD}(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})`,
      flags: '',
      requires: '_',
    },
    {
      name: 'slack_token',
      type: 'slack_token',
      pattern: `${NOT_AFTER_TOKEN}xox[abprs]-[A-Za-z0-9\\-]{10,}`,
      flags: '',
      requires: 'x',
    },
    {
      name: 'aws_access_key_id',
      type: 'aws_access_key',
      pattern: '(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])',
      flags: '',
      requires: 'KS',
    },
    {
      name: 'google_api_key',
      type: 'google_api_key',
      pattern: `${NOT_AFTER_TOKEN}AIza[A-Za-z0-9_\\-]{35}(?![A-Za-z0-9_\\-])`,
      flags: '',
      requires: 'z',
    },
    {
      name: 'cockpit_api_key',
      type: 'cockpit_api_key',
      pattern: `${NOT_AFTER_WORD}ck_[A-Za-z0-9]{12}_[A-Za-z0-9]{32}${NOT_BEFORE_WORD}`,
      flags: '',
      requires: '_',
    },
    {
      name: 'cockpit_token',
      type: 'cockpit_token',
      pattern: `${NOT_AFTER_WORD}(?:crt|cki)_[A-Za-z0-9]{20,}`,
      flags: '',
      requires: '_',
    },
    {
      name: 'connection_string_password',
      type: 'password',
      // The password runs to the last "@" before the host, so an unencoded "@" in it is still covered.
      pattern:
        '(?<![A-Za-z0-9+.\\-])[A-Za-z][A-Za-z0-9+.\\-]*://[^ \\t\\r\\n:@/?#"\'<>]*:([^ \\t\\r\\n/?#"\'<>]+)@',
      flags: '',
      secret_group: 1,
      requires: '@',
    },
    {
      name: 'key_value_secret',
      type: 'credential',
      // No spaces around "=": query strings and env files, not code such as `const token = read()`.
      pattern: `(?:${SECRET_WORDS})=${QUERY_VALUE}`,
      flags: '',
      secret_group: 1,
      requires: '=',
    },
    {
      name: 'quoted_key_secret_double',
      type: 'credential',
      // JSON inside a string, e.g. OpenAI tool-call arguments.
      pattern: quotedSecret('"'),
      flags: '',
      secret_group: 1,
      requires: '"',
    },
    {
      name: 'quoted_key_secret_single',
      type: 'credential',
      // Python dict reprs, which agents print a lot.
      pattern: quotedSecret("'"),
      flags: '',
      secret_group: 1,
      requires: "'",
    },
    {
      name: 'signed_url_parameter',
      type: 'secret',
      // The value stops at "?" as well: a rejected candidate must not run past the next one's start,
      // or "?sig=?sig=..." would cost quadratic time.
      pattern: `[?&;](?:X-Amz-Signature|X-Amz-Credential|X-Goog-Signature|X-Goog-Credential|[Ss]ignature|[Ss]ig|[Kk]ey)=([^ \\t\\r\\n&;,'"<>#?]+)`,
      flags: '',
      validator: 'entropy',
      secret_group: 1,
      requires: '=',
    },
    {
      name: 'email',
      type: 'email',
      // Not when a ":path" follows: git@github.com:org/repo.git is an SSH remote, not a person. The
      // character before the address is matched (not looked behind at), which V8 scans 1.5x faster.
      pattern:
        '(?:^|[^A-Za-z0-9._%+\\-])([A-Za-z0-9._%+\\-]+@[A-Za-z0-9][A-Za-z0-9\\-]*(?:\\.[A-Za-z0-9][A-Za-z0-9\\-]*)*\\.[A-Za-z]{2,})(?![A-Za-z0-9\\-]|:[A-Za-z0-9_~/])',
      flags: '',
      secret_group: 1,
      requires: '@',
    },
    {
      name: 'phone_e164',
      type: 'phone',
      pattern: `(?<![A-Za-z0-9_+])\\+[1-9][0-9]{9,14}${NUMBER_END}`,
      flags: '',
      requires: '+',
    },
    {
      name: 'phone_nanp',
      type: 'phone',
      pattern: `(?<![A-Za-z0-9_+.\\-])(?:\\+?1[ .\\-]?)?(?:\\([2-9][0-9]{2}\\)[ .\\-]?|[2-9][0-9]{2}[ .\\-])[2-9][0-9]{2}[.\\-][0-9]{4}${NUMBER_END}`,
      flags: '',
      requires: DIGITS,
    },
    {
      name: 'credit_card',
      type: 'credit_card',
      // Card numbers start with 2-6 (millisecond timestamps and snowflake ids start with 1), and are
      // written solid or in the printed groups (4-4-4-4[-3], 4-6-5, 4-6-4), never across two numbers.
      pattern: `${NUMBER_START}[2-6][0-9]{3}(?:[0-9]{9,15}|(?: [0-9]{4}){3}(?: [0-9]{3})?|(?:-[0-9]{4}){3}(?:-[0-9]{3})?| [0-9]{6} [0-9]{4,5}|-[0-9]{6}-[0-9]{4,5})${NUMBER_END}`,
      flags: '',
      validator: 'luhn',
      requires: DIGITS,
    },
    {
      name: 'iban',
      type: 'iban',
      pattern: '(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![A-Za-z0-9])',
      flags: '',
      validator: 'iban_mod97',
      requires: UPPERCASE,
    },
    {
      name: 'us_ssn',
      type: 'ssn',
      pattern: `${NUMBER_START}[0-9]{3}-[0-9]{2}-[0-9]{4}${NUMBER_END}`,
      flags: '',
      validator: 'ssn',
      requires: DIGITS,
    },
    {
      name: 'ipv4',
      type: 'ip_address',
      // Not inside a longer dotted run: 1.2.3.4.5 and v1.2.3.4 are versions.
      pattern: '(?<![A-Za-z0-9_.])[0-9]{1,3}(?:\\.[0-9]{1,3}){3}(?![A-Za-z0-9_]|\\.[0-9])',
      flags: '',
      validator: 'ipv4',
      requires: DIGITS,
    },
    {
      name: 'ipv6',
      type: 'ip_address',
      // The shape only: 2-9 colons between hex groups, optionally ending in a dotted quad; the ipv6
      // validator checks the grammar, so 10:30:00 stays. As for emails, the character before is matched.
      pattern:
        '(?:^|[^A-Za-z0-9_:.])((?::|[0-9A-Fa-f]{1,4}:)(?:[0-9A-Fa-f]{0,4}:){1,7}[0-9A-Fa-f]{0,4}(?:(?:\\.[0-9]{1,3}){3})?)(?![A-Za-z0-9_:]|\\.[0-9])',
      flags: '',
      secret_group: 1,
      validator: 'ipv6',
      requires: ':',
    },
  ],
  // prettier-ignore
  iban_lengths: {
    AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
    CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
    FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22,
    IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
    LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18,
    NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31,
    SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29,
    VA: 22, VG: 24, XK: 20, YE: 30,
  },
  max_depth: 256,
};
