import { createHash } from 'node:crypto';

/**
 * Canonical JSON as PROTOCOL.md defines it: object keys sorted by UTF-16 code units, no whitespace,
 * strings and numbers as JSON.stringify writes them, undefined members dropped. The value is first
 * taken as JSON.stringify would send it (toJSON, dropped functions, NaN as null), because the
 * server hashes what it received.
 */
export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('the value has no JSON representation');
  return write(JSON.parse(text) as unknown);
}

function write(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(write).join(',')}]`;
  const record = value as Record<string, unknown>;
  // Array.prototype.sort without a comparator orders by UTF-16 code units.
  const keys = Object.keys(record).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${write(record[key])}`).join(',')}}`;
}

/** Lowercase hex SHA-256 of the canonical JSON of `{"arguments": args, "tool": tool}`. */
export function payloadHash(tool: string, args: unknown): string {
  return createHash('sha256')
    .update(canonicalJson({ tool, arguments: args }), 'utf8')
    .digest('hex');
}
