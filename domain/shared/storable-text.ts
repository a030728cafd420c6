import { setOwn } from './own-property';

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
  // Almost every payload is clean: look first, without allocating, and copy only what must change.
  return isStorable(value) ? value : repair(value);
}

function isStorable(value: unknown): boolean {
  if (typeof value === 'string') return !MAYBE_UNSTORABLE.test(value);
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!isStorable(item)) return false;
    return true;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (MAYBE_UNSTORABLE.test(key) || !isStorable((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function repair<T>(value: T): T {
  if (typeof value === 'string') return storableText(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(storable) as T;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    setOwn(out, storableText(key), storable(item));
  }
  return out as T;
}
