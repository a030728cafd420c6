/**
 * PostgreSQL `text` and `jsonb` refuse NUL characters and lone UTF-16 surrogates, and agents send
 * both (binary output, JSON with half an emoji). Each becomes U+FFFD, the Unicode replacement
 * character, so one odd string never sinks a whole batch.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what PostgreSQL refuses
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex -- as above
const MAYBE_UNSTORABLE = /[\u0000\uD800-\uDFFF]/;

export function storableText(text: string): string {
  return MAYBE_UNSTORABLE.test(text) ? text.replace(UNSTORABLE, '\uFFFD') : text;
}

/** A copy of a JSON-like value with every string (keys included) made storable; unchanged parts are shared. */
export function storable<T>(value: T): T {
  if (typeof value === 'string') return storableText(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const next = storable(item);
      changed ||= next !== item;
      return next;
    });
    return (changed ? out : value) as T;
  }
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const safeKey = storableText(key);
    const next = storable(item);
    changed ||= next !== item || safeKey !== key;
    out[safeKey] = next;
  }
  return (changed ? out : value) as T;
}
