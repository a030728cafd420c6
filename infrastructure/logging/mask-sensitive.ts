import { isPlainObject } from '../../domain/shared/own-property';
/**
 * Log masking. Logs are read by more people than the data they describe, so credentials never
 * reach them: values under sensitive keys are replaced, and credential-shaped strings are masked
 * wherever they appear (URLs, messages, error texts).
 */
export const MASK = '[REDACTED]';

const SENSITIVE_KEY =
  /(authorization|cookie|passw(or)?d|secret|api[-_]?key|credential|private[-_]?key|signature)/i;
// `access_token`, `x-auth-token`, `decision_token` are secrets; `input_tokens` or `token_type` are not.
const TOKEN_KEY = /token/i;
const TOKEN_COUNT_KEY =
  /((input|output|total|max|prompt|completion|cached|reasoning)[-_]?tokens?|tokens?[-_]?(type|count|usage))$/i;

const VALUE_PATTERNS: readonly [RegExp, string | ((match: string, ...groups: string[]) => string)][] = [
  // `Bearer abc`, `Basic abc`
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi, `$1 ${MASK}`],
  // JWTs and other JWS compact serialisations
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, MASK],
  // Cockpit API keys keep their public prefix, which identifies the key without unlocking it
  [/\b(ck_[A-Za-z0-9]{12})_[A-Za-z0-9]{16,}/g, `$1_${MASK}`],
  // refresh tokens and invite tokens
  [/\b(crt|cki)_[A-Za-z0-9]{20,}\b/g, `$1_${MASK}`],
  // credentials in query strings: ?token=..., &api_key=..., &password=...
  [/([?&](?:[a-z_]*token|api[-_]?key|key|password|secret|code|signature)=)[^&#\s"']+/gi, `$1${MASK}`],
  // user:password@host in connection strings
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:)[^@/\s]+@/gi, `$1${MASK}@`],
];

export function maskString(value: string): string {
  let out = value;
  for (const [pattern, replacement] of VALUE_PATTERNS) out = out.replace(pattern, replacement as string);
  return out;
}

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key) || (TOKEN_KEY.test(key) && !TOKEN_COUNT_KEY.test(key));
}

/**
 * Returns a masked copy of plain data (objects, arrays, strings). Class instances other than
 * Error are left to their serializers; cycles and depth are bounded.
 */
export function maskSensitive(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return maskString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8 || seen.has(value)) return '[Truncated]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => maskSensitive(item, depth + 1, seen));
  if (value instanceof Error) {
    return {
      type: value.name,
      message: maskString(value.message),
      stack: value.stack ? maskString(value.stack) : undefined,
    };
  }
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      isSensitiveKey(key) && item !== null && item !== undefined && item !== ''
        ? MASK
        : maskSensitive(item, depth + 1, seen);
  }
  return out;
}
