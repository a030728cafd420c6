/** One machine size priced in one region. */
export interface MachineQuote {
  readonly size: string;
  readonly cpus: number;
  readonly memoryGb: number;
  readonly region: string;
  readonly hourlyUsd: number;
  readonly monthlyUsd: number;
}

/**
 * The prices migration estimates are computed from. Synchronous: the estimates are pure domain
 * functions, so an adapter over a remote price API loads its table before it is handed in.
 */
export abstract class PriceCatalog {
  /** The region estimates use when the caller names none. */
  abstract defaultRegion(): string;
  abstract knowsRegion(region: string): boolean;
  /** The cheapest VM size with at least `cpus` and `memoryGb`; null when none is that large. */
  abstract machineFor(region: string, cpus: number, memoryGb: number): MachineQuote | null;
  /** The largest VM size, for workloads no single size fits. */
  abstract largestMachine(region: string): MachineQuote;
  /** Block storage (SSD) per month for `gb`. */
  abstract storageMonthlyUsd(region: string, gb: number): number;
}
