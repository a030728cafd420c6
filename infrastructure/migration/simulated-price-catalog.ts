import { type MachineQuote, PriceCatalog } from '../../domain/migration/ports/price-catalog.port';
import {
  HOURS_PER_MONTH,
  type MachinePrice,
  SIMULATED_REGIONS,
  isSimulatedRegion,
  machineHourlyUsd,
  machineSizes,
  regionMultiplier,
  storagePrice,
} from '../cloud/simulated/price-table';

const round = (value: number): number => Math.round(value * 100) / 100;

/**
 * Migration estimates priced from the simulated cloud's list prices, so a TCO matches what the
 * VMs the pipeline creates will cost. Only general-purpose-shaped VM families are candidates: GPU
 * sizes are never the cheapest fit for an ordinary workload and would only add noise.
 */
export class SimulatedPriceCatalog extends PriceCatalog {
  private readonly vms: readonly MachinePrice[] = machineSizes('vm').filter((m) => m.family !== 'gpu');

  defaultRegion(): string {
    return SIMULATED_REGIONS[0];
  }

  knowsRegion(region: string): boolean {
    return isSimulatedRegion(region);
  }

  machineFor(region: string, cpus: number, memoryGb: number): MachineQuote | null {
    const fits = this.vms
      .filter((m) => m.cpus >= cpus && m.memoryGb >= memoryGb)
      .sort((a, b) => a.hourlyUsd - b.hourlyUsd || a.cpus - b.cpus || a.size.localeCompare(b.size));
    return fits[0] ? this.quote(fits[0], region) : null;
  }

  largestMachine(region: string): MachineQuote {
    const largest = [...this.vms].sort(
      (a, b) => b.cpus - a.cpus || b.memoryGb - a.memoryGb,
    )[0] as MachinePrice;
    return this.quote(largest, region);
  }

  storageMonthlyUsd(region: string, gb: number): number {
    const ssd = storagePrice('disk', 'ssd');
    return round((ssd?.gbMonthUsd ?? 0) * gb * regionMultiplier(region));
  }

  private quote(m: MachinePrice, region: string): MachineQuote {
    const hourlyUsd = machineHourlyUsd(m.size, region);
    return {
      size: m.size,
      cpus: m.cpus,
      memoryGb: m.memoryGb,
      region,
      hourlyUsd,
      monthlyUsd: round(hourlyUsd * HOURS_PER_MONTH),
    };
  }
}
