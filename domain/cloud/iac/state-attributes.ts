import { setOwn } from '../../shared/own-property';

/** An instance's `attributes` object, as Terraform wrote it. Nothing about it is trusted. */
export type Attributes = Readonly<Record<string, unknown>>;

// Each reader accepts only the JSON type it expects: a state edited by hand or written by an odd
// provider version yields "unknown", never a value of the wrong type.

export const str = (a: Attributes, key: string): string | undefined => {
  const v = a[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
};
export const bool = (a: Attributes, key: string): boolean | undefined =>
  typeof a[key] === 'boolean' ? (a[key] as boolean) : undefined;
export const num = (a: Attributes, key: string): number | undefined =>
  typeof a[key] === 'number' && Number.isFinite(a[key]) ? (a[key] as number) : undefined;
export const list = (a: Attributes, key: string): readonly unknown[] =>
  Array.isArray(a[key]) ? (a[key] as unknown[]) : [];
export const isObject = (v: unknown): v is Attributes =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
/** Nested blocks are lists of objects in state (`root_block_device: [{…}]`). */
export const firstBlock = (a: Attributes, key: string): Attributes => list(a, key).find(isObject) ?? {};

export function stringMap(value: unknown): Readonly<Record<string, string>> {
  if (!isObject(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') continue;
    setOwn(out, k, v);
  }
  return out;
}

export function date(value: string | undefined): Date | null {
  if (value === undefined) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

export const asStrings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** The statements of an IAM policy document; undefined when the document is not readable. */
export function policyStatements(document: string | undefined): readonly Attributes[] | undefined {
  if (document === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    return undefined;
  }
  if (!isObject(parsed)) return undefined;
  const statement = parsed.Statement;
  return (Array.isArray(statement) ? statement : [statement]).filter(isObject);
}
