import { type WorkloadFacts, nameKey } from '../workload-facts';
import { parseCsv } from './csv';
import { jsonElementLines } from './json-lines';
import { type InventoryError, type RawRow, canonicalField, readRow } from './row-reader';

export { type InventoryError } from './row-reader';

export const INVENTORY_FORMATS = ['csv', 'json'] as const;
export type InventoryFormat = (typeof INVENTORY_FORMATS)[number];

export const MAX_INVENTORY_ROWS = 10_000;

export interface ParsedRow {
  readonly line: number;
  readonly facts: WorkloadFacts;
}

export interface ParsedInventory {
  /** Rows that read cleanly, in file order. */
  readonly rows: readonly ParsedRow[];
  /** One entry per problem; a row with three bad cells has three. File-level problems use line 1. */
  readonly errors: readonly InventoryError[];
  /** Data rows in the file, good and bad. */
  readonly total: number;
}

/**
 * Reads an inventory file. A bad row is reported with its line and reasons and the others are
 * still read; a name that appears twice keeps its first row. Pure: the caller decides what to store.
 */
export function parseInventory(content: string, format: InventoryFormat): ParsedInventory {
  const read = format === 'csv' ? csvRows(content) : jsonRows(content);
  if ('fatal' in read) return { rows: [], errors: [read.fatal], total: 0 };
  const rows: ParsedRow[] = [];
  const errors: InventoryError[] = [...read.errors];
  const firstLine = new Map<string, number>();
  for (const { line, row } of read.rows) {
    const result = readRow(row, line);
    if ('errors' in result) {
      errors.push(...result.errors);
      continue;
    }
    const key = nameKey(result.facts.name);
    const seen = firstLine.get(key);
    if (seen !== undefined) {
      errors.push({
        line,
        name: result.facts.name,
        field: 'name',
        reason: `duplicate name: already on line ${seen}`,
      });
      continue;
    }
    firstLine.set(key, line);
    rows.push({ line, facts: result.facts });
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows, errors, total: read.rows.length + read.errors.length };
}

type Source =
  | { readonly rows: { line: number; row: RawRow }[]; readonly errors: InventoryError[] }
  | { readonly fatal: InventoryError };

function csvRows(content: string): Source {
  const records = parseCsv(content);
  const header = records[0];
  if (!header) return { fatal: { line: 1, reason: 'the file is empty' } };
  if (header.error) return { fatal: { line: header.line, reason: `header: ${header.error}` } };
  const columns = header.fields.map(canonicalField);
  if (!columns.includes('name')) {
    return { fatal: { line: header.line, field: 'name', reason: 'the header has no name column' } };
  }
  const data = records.slice(1);
  if (data.length > MAX_INVENTORY_ROWS) return { fatal: tooMany(data.length) };
  const rows: { line: number; row: RawRow }[] = [];
  const errors: InventoryError[] = [];
  for (const record of data) {
    if (record.error) {
      errors.push({ line: record.line, reason: record.error });
      continue;
    }
    if (record.fields.length > columns.length && record.fields.slice(columns.length).some((f) => f.trim())) {
      const name = record.fields[columns.indexOf('name')]?.trim();
      errors.push({
        line: record.line,
        ...(name ? { name } : {}),
        reason: `${record.fields.length} fields but the header has ${columns.length} (quote values that contain commas)`,
      });
      continue;
    }
    const row: Record<string, unknown> = {};
    columns.forEach((column, index) => {
      if (column !== null) row[column] = record.fields[index] ?? '';
    });
    rows.push({ line: record.line, row });
  }
  return { rows, errors };
}

function jsonRows(content: string): Source {
  let document: unknown;
  try {
    document = JSON.parse(content.charCodeAt(0) === 0xfeff ? content.slice(1) : content);
  } catch (error) {
    return { fatal: { line: 1, reason: `not valid JSON: ${(error as Error).message}` } };
  }
  const items = Array.isArray(document)
    ? document
    : document &&
        typeof document === 'object' &&
        Array.isArray((document as { workloads?: unknown }).workloads)
      ? ((document as { workloads: unknown[] }).workloads as unknown[])
      : null;
  if (!items) return { fatal: { line: 1, reason: 'expected an array of workloads or {"workloads": [...]}' } };
  if (items.length === 0) return { fatal: { line: 1, reason: 'the file lists no workloads' } };
  if (items.length > MAX_INVENTORY_ROWS) return { fatal: tooMany(items.length) };
  const lines = jsonElementLines(content);
  const rows: { line: number; row: RawRow }[] = [];
  const errors: InventoryError[] = [];
  items.forEach((item, index) => {
    const line = lines[index] ?? 1;
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      errors.push({ line, reason: `workload ${index + 1} is not an object` });
      return;
    }
    const row: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(item)) {
      const field = canonicalField(key);
      if (field !== null) row[field] = value;
    }
    rows.push({ line, row });
  });
  return { rows, errors };
}

const tooMany = (count: number): InventoryError => ({
  line: 1,
  reason: `${count} rows: import at most ${MAX_INVENTORY_ROWS} at once`,
});
