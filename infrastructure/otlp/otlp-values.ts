import { type AttrValue, type StatusCode } from '../../domain/runs/otlp-span';

/**
 * Raised inside the decoders on input that breaks the OTLP format and caught at their entry point, where it
 * becomes a validation error: parsing deep inside nested messages stays readable, and nothing escapes as
 * an exception.
 */
export class MalformedOtlp extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

/** Nesting of arrays and kvlists in one attribute value; deeper input is refused rather than recursed into. */
export const MAX_VALUE_DEPTH = 32;

const UINT64_MAX = (1n << 64n) - 1n;
const HEX = /^[0-9a-fA-F]*$/;

export function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

export function bytesToBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Strict base64 (standard or URL-safe alphabet, padding optional); null when the text is not base64. */
export function base64ToBytes(text: string): Uint8Array | null {
  const normalized = text.replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(normalized) || normalized.replace(/=+$/, '').length % 4 === 1)
    return null;
  return new Uint8Array(Buffer.from(normalized, 'base64'));
}

/**
 * A trace or span id: the right byte length and not all zeroes (the OTLP definition of a valid id).
 * `optional` ids (parent span ids) read empty or all-zero as absent.
 */
export function idFromBytes(bytes: Uint8Array, size: 8 | 16, path: string, optional = false): string | null {
  if (bytes.length === 0 && optional) return null;
  if (bytes.length !== size) {
    throw new MalformedOtlp(`must be ${size} bytes (${size * 2} hex digits), got ${bytes.length}`, path);
  }
  if (bytes.every((b) => b === 0)) {
    if (optional) return null;
    throw new MalformedOtlp('must not be all zeroes', path);
  }
  return bytesToHex(bytes);
}

/**
 * OTLP JSON ids are case-insensitive hex. Some exporters send protobuf-JSON base64 instead; the lengths
 * cannot be confused (an 8-byte id is 16 hex digits or 12 base64 characters), so those are read too.
 */
export function idFromJson(value: unknown, size: 8 | 16, path: string, optional = false): string | null {
  if (value === undefined || value === null || value === '') {
    if (optional) return null;
    throw new MalformedOtlp('is required', path);
  }
  if (typeof value !== 'string') throw new MalformedOtlp('must be a hex string', path);
  if (value.length === size * 2 && HEX.test(value))
    return idFromBytes(Buffer.from(value, 'hex'), size, path, optional);
  const decoded = value.length === Math.ceil(size / 3) * 4 ? base64ToBytes(value) : null;
  if (decoded?.length === size) return idFromBytes(decoded, size, path, optional);
  throw new MalformedOtlp(`must be ${size * 2} hex digits`, path);
}

/**
 * Nanoseconds since the epoch as ISO-8601 UTC. Digits below the millisecond are kept (JS Dates stop at
 * milliseconds), in groups of three so that `…00.123Z`, `…00.123456Z` and `…00.123456789Z` all occur.
 */
export function nanosToIso(nanos: bigint): string {
  const millis = nanos / 1_000_000n;
  const subMillis = (nanos % 1_000_000n).toString().padStart(6, '0');
  const iso = new Date(Number(millis)).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ for every uint64 value
  const digits = subMillis === '000000' ? '' : subMillis.endsWith('000') ? subMillis.slice(0, 3) : subMillis;
  return `${iso.slice(0, -1)}${digits}Z`;
}

/** A uint64 from OTLP JSON: a decimal string (canonical) or a JSON number. */
export function uint64FromJson(value: unknown, path: string): bigint | null {
  if (value === undefined || value === null) return null;
  const parsed = int64FromJson(value, path);
  if (parsed < 0n || parsed > UINT64_MAX) throw new MalformedOtlp('is out of the uint64 range', path);
  return parsed;
}

export function int64FromJson(value: unknown, path: string): bigint {
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d{1,20}$/.test(value)) {
    const parsed = BigInt(value);
    if (parsed >= -(1n << 63n) && parsed <= UINT64_MAX) return parsed;
  }
  throw new MalformedOtlp('must be a 64-bit integer (number or decimal string)', path);
}

/** int64 attribute values become numbers when exact, decimal strings beyond 2^53 so no digit is lost. */
export function int64ToAttr(value: bigint): AttrValue {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value.toString();
}

/** JSON has no NaN or infinities: those doubles travel as the strings proto3 JSON uses for them. */
export function doubleToAttr(value: number): AttrValue {
  return Number.isFinite(value) ? value : String(value);
}

export function statusCodeOf(code: number): StatusCode {
  return code === 1 || code === 2 ? code : 0;
}

/** Span kinds outside the enum (a newer sender) read as unspecified. */
export function spanKindOf(kind: number): number {
  return Number.isInteger(kind) && kind >= 0 && kind <= 5 ? kind : 0;
}
