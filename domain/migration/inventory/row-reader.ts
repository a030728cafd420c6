import {
  CRITICALITIES,
  type Criticality,
  type DataSensitivity,
  ENVIRONMENTS,
  type Environment,
  SENSITIVITIES,
  type Utilization,
  type WorkloadFacts,
} from '../workload-facts';

/** Why one row of an inventory file was not imported. */
export interface InventoryError {
  readonly line: number;
  readonly name?: string;
  readonly reason: string;
  readonly field?: string;
}

/** A row with its columns under canonical names, values as the file had them. */
export type RawRow = Readonly<Record<string, unknown>>;

export const FIELDS = [
  'name',
  'environment',
  'os',
  'cpu',
  'memory_gb',
  'storage_gb',
  'utilization',
  'cpu_p50',
  'cpu_p95',
  'mem_p95',
  'tech_stack',
  'dependencies',
  'license',
  'criticality',
  'data_sensitivity',
] as const;
export type Field = (typeof FIELDS)[number];

const ALIASES: Readonly<Record<string, Field>> = {
  workload: 'name',
  workload_name: 'name',
  application: 'name',
  app: 'name',
  env: 'environment',
  operating_system: 'os',
  cpus: 'cpu',
  vcpu: 'cpu',
  vcpus: 'cpu',
  cores: 'cpu',
  memory: 'memory_gb',
  mem_gb: 'memory_gb',
  ram: 'memory_gb',
  ram_gb: 'memory_gb',
  storage: 'storage_gb',
  disk: 'storage_gb',
  disk_gb: 'storage_gb',
  utilisation: 'utilization',
  memory_p95: 'mem_p95',
  stack: 'tech_stack',
  tech: 'tech_stack',
  technologies: 'tech_stack',
  depends_on: 'dependencies',
  deps: 'dependencies',
  licence: 'license',
  licensing: 'license',
  business_criticality: 'criticality',
  sensitivity: 'data_sensitivity',
  data_classification: 'data_sensitivity',
};

/** `Memory GB`, `memory-gb` and `memoryGb` all name `memory_gb`; unknown names give null. */
export function canonicalField(header: string): Field | null {
  const key = header
    .trim()
    .replace(/([a-z])([A-Z][a-z0-9])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  if ((FIELDS as readonly string[]).includes(key)) return key as Field;
  return ALIASES[key] ?? null;
}

const ENV_ALIASES: Readonly<Record<string, Environment>> = {
  prod: 'production',
  prd: 'production',
  live: 'production',
  stage: 'staging',
  stg: 'staging',
  uat: 'staging',
  preprod: 'staging',
  qa: 'test',
  testing: 'test',
  dev: 'development',
  disaster_recovery: 'dr',
};
const CRITICALITY_ALIASES: Readonly<Record<string, Criticality>> = {
  mission_critical: 'critical',
  tier0: 'critical',
  tier_0: 'critical',
  tier1: 'high',
  tier_1: 'high',
  tier2: 'medium',
  tier_2: 'medium',
  tier3: 'low',
  tier_3: 'low',
};
const SENSITIVITY_ALIASES: Readonly<Record<string, DataSensitivity>> = {
  secret: 'restricted',
  pii: 'confidential',
  private: 'confidential',
  open: 'public',
};
const NO_LICENSE = new Set(['', 'none', 'n/a', 'na', '-', 'open-source', 'open source', 'oss']);

const MAX_CPU = 1024;
const MAX_MEMORY_GB = 24_576;
const MAX_STORAGE_GB = 10_000_000;

type Read<T> = { ok: true; value: T } | { ok: false; reason: string };
const good = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = (reason: string): Read<never> => ({ ok: false, reason });

const text = (value: unknown): string =>
  value === undefined || value === null ? '' : typeof value === 'string' ? value.trim() : String(value);

function choice<T extends string>(
  value: unknown,
  allowed: readonly T[],
  aliases: Readonly<Record<string, T>>,
  fallback: T | null,
): Read<T> {
  const raw = text(value)
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (raw === '') return fallback === null ? bad('is required') : good(fallback);
  if ((allowed as readonly string[]).includes(raw)) return good(raw as T);
  const alias = aliases[raw];
  return alias ? good(alias) : bad(`"${text(value)}" is not one of ${allowed.join(', ')}`);
}

const UNITS: Readonly<Record<string, number>> = { '': 1, g: 1, gb: 1, gib: 1, t: 1024, tb: 1024, tib: 1024 };

/** A positive amount, optionally with a GB/TB unit (`16`, `16GB`, `1.5 TB`). */
function amount(value: unknown, max: number, allowZero: boolean, units: boolean): Read<number> {
  if (typeof value === 'number') return inRange(value, max, allowZero);
  const raw = text(value);
  if (raw === '') return bad('is required');
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(raw.replace(/,/g, ''));
  const unit = match?.[2]?.toLowerCase() ?? '';
  if (!match || (!units && unit !== '') || UNITS[unit] === undefined) return bad(`"${raw}" is not a number`);
  return inRange(Number(match[1]) * (UNITS[unit] as number), max, allowZero);
}

function inRange(value: number, max: number, allowZero: boolean): Read<number> {
  if (!Number.isFinite(value)) return bad('is not a number');
  if (value < 0 || (!allowZero && value === 0))
    return bad(allowZero ? 'must not be negative' : 'must be positive');
  if (value > max) return bad(`must be at most ${max}`);
  return good(Math.round(value * 100) / 100);
}

function percent(value: unknown): Read<number | null> {
  if (value === undefined || value === null || text(value) === '') return good(null);
  const raw = typeof value === 'number' ? value : Number(text(value).replace(/%$/, ''));
  if (!Number.isFinite(raw) || raw < 0 || raw > 100)
    return bad(`"${text(value)}" is not a percentage (0–100)`);
  return good(raw);
}

/** `cpu_p50,cpu_p95,mem_p95` as one cell (`12,45,60` or `12;45;60`), an array, or an object. */
function utilizationParts(value: unknown): Read<[unknown, unknown, unknown] | null> {
  if (value === undefined || value === null || text(value) === '') return good(null);
  if (Array.isArray(value))
    return value.length === 3 ? good([value[0], value[1], value[2]]) : bad('needs 3 values');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return good([o.cpu_p50 ?? o.cpuP50, o.cpu_p95 ?? o.cpuP95, o.mem_p95 ?? o.memP95 ?? o.memory_p95]);
  }
  const parts = text(value)
    .split(/[,;|/\s]+/)
    .filter((p) => p !== '');
  if (parts.length !== 3) return bad(`"${text(value)}" is not cpu_p50,cpu_p95,mem_p95`);
  return good([parts[0], parts[1], parts[2]]);
}

/** `a; b; c` (or `|`) in a cell, or a JSON array of strings; trimmed, empties dropped, de-duplicated. */
function list(value: unknown, lower: boolean, max: number): Read<string[]> {
  const items = Array.isArray(value) ? value.map(text) : text(value).split(/[;|]/);
  const cleaned = items.map((s) => (lower ? s.trim().toLowerCase() : s.trim())).filter((s) => s !== '');
  const unique = [...new Map(cleaned.map((s) => [s.toLowerCase(), s])).values()];
  if (unique.length > max) return bad(`lists at most ${max} entries`);
  if (unique.some((s) => s.length > 100)) return bad('has an entry longer than 100 characters');
  return good(unique);
}

/**
 * One row into workload facts, or every reason it is not valid. Criticality and sensitivity
 * default to medium and internal: inventories exported from CMDBs often lack them.
 */
export function readRow(row: RawRow, line: number): { facts: WorkloadFacts } | { errors: InventoryError[] } {
  const errors: InventoryError[] = [];
  const name = text(row.name);
  const named = name === '' ? {} : { name };
  const check = <T>(field: Field, read: Read<T>, fallback: T): T => {
    if (read.ok) return read.value;
    errors.push({ line, ...named, field, reason: `${field} ${read.reason}` });
    return fallback;
  };
  if (name === '') errors.push({ line, field: 'name', reason: 'name is required' });
  else if (name.length > 100)
    errors.push({ line, ...named, field: 'name', reason: 'name is longer than 100 characters' });
  const environment = check(
    'environment',
    choice(row.environment, ENVIRONMENTS, ENV_ALIASES, null),
    'production',
  );
  const os = text(row.os);
  if (os === '') errors.push({ line, ...named, field: 'os', reason: 'os is required' });
  const cpu = check('cpu', amount(row.cpu, MAX_CPU, false, false), 0);
  const memoryGb = check('memory_gb', amount(row.memory_gb, MAX_MEMORY_GB, false, true), 0);
  const storageGb = check('storage_gb', amount(row.storage_gb ?? 0, MAX_STORAGE_GB, true, true), 0);
  const parts = check('utilization', utilizationParts(row.utilization), null);
  const cpuP50 = check('cpu_p50', percent(parts ? parts[0] : row.cpu_p50), null);
  const cpuP95 = check('cpu_p95', percent(parts ? parts[1] : row.cpu_p95), null);
  const memP95 = check('mem_p95', percent(parts ? parts[2] : row.mem_p95), null);
  if (cpuP50 !== null && cpuP95 !== null && cpuP50 > cpuP95) {
    errors.push({ line, ...named, field: 'cpu_p50', reason: 'cpu_p50 is above cpu_p95' });
  }
  const techStack = check('tech_stack', list(row.tech_stack, true, 30), []);
  const dependencies = check('dependencies', list(row.dependencies, false, 200), []);
  const license = text(row.license).toLowerCase();
  const criticality = check(
    'criticality',
    choice(row.criticality, CRITICALITIES, CRITICALITY_ALIASES, 'medium'),
    'medium',
  );
  const dataSensitivity = check(
    'data_sensitivity',
    choice(row.data_sensitivity, SENSITIVITIES, SENSITIVITY_ALIASES, 'internal'),
    'internal',
  );
  if (errors.length > 0) return { errors };
  const utilization: Utilization = { cpuP50, cpuP95, memP95 };
  return {
    facts: {
      name,
      environment,
      os: os.slice(0, 100),
      cpu,
      memoryGb,
      storageGb,
      utilization,
      techStack,
      dependencies: dependencies.filter((d) => d.toLowerCase() !== name.toLowerCase()),
      license: NO_LICENSE.has(license) ? null : license.slice(0, 100),
      criticality,
      dataSensitivity,
    },
  };
}
