import { type MachineQuote, PriceCatalog } from './ports/price-catalog.port';

const SIZES: readonly (readonly [string, number, number, number])[] = [
  ['s.small', 2, 4, 0.05],
  ['s.large', 4, 16, 0.2],
  ['s.xlarge', 8, 32, 0.4],
];

/** Three sizes, one region: enough to tell "smallest that fits" from "largest". */
export class FakePriceCatalog extends PriceCatalog {
  defaultRegion(): string {
    return 'test-1';
  }

  knowsRegion(region: string): boolean {
    return region === 'test-1';
  }

  machineFor(region: string, cpus: number, memoryGb: number): MachineQuote | null {
    const row = SIZES.find(([, c, m]) => c >= cpus && m >= memoryGb);
    return row ? quote(row, region) : null;
  }

  largestMachine(region: string): MachineQuote {
    return quote(SIZES[SIZES.length - 1] as (typeof SIZES)[number], region);
  }

  storageMonthlyUsd(_region: string, gb: number): number {
    return gb * 0.1;
  }
}

const quote = ([size, cpus, memoryGb, hourlyUsd]: (typeof SIZES)[number], region: string): MachineQuote => ({
  size,
  cpus,
  memoryGb,
  region,
  hourlyUsd,
  monthlyUsd: hourlyUsd * 730,
});
