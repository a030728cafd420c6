import { type ResourceType } from '../../../domain/cloud/resource.entity';

/**
 * The simulated cloud's list prices. Region names carry a `sim-` prefix so nobody mistakes the
 * simulated inventory for a real AWS, Azure or GCP account; prices are in the range of the real
 * clouds' on-demand prices so that costs, budgets and forecasts look plausible.
 */
export const SIMULATED_REGIONS = [
  'sim-us-east',
  'sim-us-west',
  'sim-eu-west',
  'sim-eu-central',
  'sim-ap-southeast',
] as const;
export type SimulatedRegion = (typeof SIMULATED_REGIONS)[number];

/** IAM policies live here, like on the real clouds; a region filter never hides them. */
export const GLOBAL_REGION = 'global';

export const HOURS_PER_MONTH = 730;

const REGION_MULTIPLIERS: Readonly<Record<SimulatedRegion, number>> = {
  'sim-us-east': 1,
  'sim-us-west': 1.04,
  'sim-eu-west': 1.08,
  'sim-eu-central': 1.12,
  'sim-ap-southeast': 1.16,
};

export type MachineType = 'vm' | 'database' | 'llm_endpoint' | 'vector_db';
export type StorageType = 'bucket' | 'disk';

export interface MachinePrice {
  readonly type: MachineType;
  readonly size: string;
  /** Sizes of one family differ only in capacity, so right-sizing steps inside a family. */
  readonly family: string;
  readonly cpus: number;
  readonly memoryGb: number;
  /** USD per hour in sim-us-east. */
  readonly hourlyUsd: number;
}

export interface StoragePrice {
  readonly type: StorageType;
  /** The storage class, reported as the resource's size. */
  readonly size: string;
  /** USD per GB-month in sim-us-east. */
  readonly gbMonthUsd: number;
}

type Row = readonly [size: string, cpus: number, memoryGb: number, hourlyUsd: number];

function family(type: MachineType, name: string, rows: readonly Row[]): MachinePrice[] {
  return rows.map(([size, cpus, memoryGb, hourlyUsd]) => ({
    type,
    size,
    family: name,
    cpus,
    memoryGb,
    hourlyUsd,
  }));
}

/** Ordered smallest first inside each family. */
const MACHINES: readonly MachinePrice[] = [
  ...family('vm', 'gp', [
    ['gp.micro', 2, 1, 0.0104],
    ['gp.small', 2, 2, 0.0208],
    ['gp.medium', 2, 4, 0.0416],
    ['gp.large', 2, 8, 0.096],
    ['gp.xlarge', 4, 16, 0.192],
    ['gp.2xlarge', 8, 32, 0.384],
    ['gp.4xlarge', 16, 64, 0.768],
  ]),
  ...family('vm', 'cpu', [
    ['cpu.large', 2, 4, 0.085],
    ['cpu.xlarge', 4, 8, 0.17],
    ['cpu.2xlarge', 8, 16, 0.34],
    ['cpu.4xlarge', 16, 32, 0.68],
  ]),
  ...family('vm', 'mem', [
    ['mem.large', 2, 16, 0.126],
    ['mem.xlarge', 4, 32, 0.252],
    ['mem.2xlarge', 8, 64, 0.504],
    ['mem.4xlarge', 16, 128, 1.008],
  ]),
  ...family('vm', 'gpu', [
    ['gpu.xlarge', 4, 16, 0.526],
    ['gpu.2xlarge', 8, 32, 0.752],
    ['gpu.4xlarge', 16, 64, 1.204],
  ]),
  ...family('database', 'db', [
    ['db.small', 2, 2, 0.034],
    ['db.medium', 2, 4, 0.068],
    ['db.large', 2, 8, 0.171],
    ['db.xlarge', 4, 16, 0.342],
  ]),
  ...family('llm_endpoint', 'llm', [
    ['llm.small', 4, 16, 0.75],
    ['llm.medium', 8, 32, 1.5],
    ['llm.large', 16, 64, 4.1],
  ]),
  ...family('vector_db', 'vdb', [
    ['vdb.small', 2, 8, 0.1],
    ['vdb.medium', 4, 16, 0.2],
    ['vdb.large', 8, 32, 0.4],
  ]),
];

const STORAGE: readonly StoragePrice[] = [
  { type: 'bucket', size: 'standard', gbMonthUsd: 0.023 },
  { type: 'bucket', size: 'infrequent', gbMonthUsd: 0.0125 },
  { type: 'bucket', size: 'archive', gbMonthUsd: 0.004 },
  { type: 'disk', size: 'ssd', gbMonthUsd: 0.08 },
  { type: 'disk', size: 'hdd', gbMonthUsd: 0.045 },
  { type: 'disk', size: 'io-ssd', gbMonthUsd: 0.125 },
];

const MACHINE_BY_SIZE = new Map(MACHINES.map((m) => [m.size, m]));

export interface SimulatedPriceTable {
  readonly currency: 'USD';
  readonly hoursPerMonth: number;
  readonly regions: readonly { readonly region: SimulatedRegion; readonly multiplier: number }[];
  readonly machines: readonly MachinePrice[];
  readonly storage: readonly StoragePrice[];
}

/** The whole table, for screens and tools that show what the simulated cloud charges. */
export function simulatedPriceTable(): SimulatedPriceTable {
  return {
    currency: 'USD',
    hoursPerMonth: HOURS_PER_MONTH,
    regions: SIMULATED_REGIONS.map((region) => ({ region, multiplier: REGION_MULTIPLIERS[region] })),
    machines: MACHINES,
    storage: STORAGE,
  };
}

export function isSimulatedRegion(region: string): region is SimulatedRegion {
  return (SIMULATED_REGIONS as readonly string[]).includes(region);
}

export function regionMultiplier(region: string): number {
  return isSimulatedRegion(region) ? REGION_MULTIPLIERS[region] : 1;
}

export function machinePrice(size: string): MachinePrice | undefined {
  return MACHINE_BY_SIZE.get(size);
}

export function machineSizes(type: MachineType): readonly MachinePrice[] {
  return MACHINES.filter((m) => m.type === type);
}

export function storagePrice(type: StorageType, size: string): StoragePrice | undefined {
  return STORAGE.find((s) => s.type === type && s.size === size);
}

/** The next size down in the same family, or undefined for the smallest. */
export function nextSmallerSize(size: string): MachinePrice | undefined {
  const current = MACHINE_BY_SIZE.get(size);
  if (!current) return undefined;
  const siblings = MACHINES.filter((m) => m.family === current.family);
  return siblings[siblings.indexOf(current) - 1];
}

const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;

/** Hourly machine price in a region. */
export function machineHourlyUsd(size: string, region: string): number {
  const price = machinePrice(size);
  return price ? round6(price.hourlyUsd * regionMultiplier(region)) : 0;
}

/**
 * What one resource costs per hour while it bills: machines by size, buckets and disks by GB
 * (a month is 730 hours), security groups and policies nothing.
 */
export function listPricePerHour(
  type: ResourceType,
  size: string | null,
  region: string,
  storageGb: number | null,
): number {
  if (size === null) return 0;
  if (type === 'bucket' || type === 'disk') {
    const price = storagePrice(type, size);
    if (!price || storageGb === null) return 0;
    return round6(((price.gbMonthUsd * storageGb) / HOURS_PER_MONTH) * regionMultiplier(region));
  }
  return machineHourlyUsd(size, region);
}
