import { machinePrice } from '../cloud/simulated/price-table';
import { SimulatedPriceCatalog } from './simulated-price-catalog';

describe('SimulatedPriceCatalog', () => {
  const catalog = new SimulatedPriceCatalog();

  it('picks the cheapest simulated VM size that fits CPU and memory', () => {
    expect(catalog.machineFor('sim-us-east', 2, 4)?.size).toBe('gp.medium');
    expect(catalog.machineFor('sim-us-east', 4, 8)?.size).toBe('cpu.xlarge');
    expect(catalog.machineFor('sim-us-east', 2, 16)?.size).toBe('mem.large');
    expect(catalog.machineFor('sim-us-east', 64, 64)).toBeNull();
  });

  it('prices by region with the simulated multipliers and never offers a GPU size', () => {
    const east = catalog.machineFor('sim-us-east', 4, 16);
    const ap = catalog.machineFor('sim-ap-southeast', 4, 16);
    expect(east?.monthlyUsd).toBeCloseTo((machinePrice(east!.size)?.hourlyUsd ?? 0) * 730, 1);
    expect(ap!.monthlyUsd).toBeGreaterThan(east!.monthlyUsd);
    expect(catalog.largestMachine('sim-us-east').size).not.toMatch(/^gpu/);
    expect(catalog.storageMonthlyUsd('sim-us-east', 100)).toBeCloseTo(8);
  });
});
