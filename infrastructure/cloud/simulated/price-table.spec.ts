import { listPricePerHour, machineHourlyUsd, nextSmallerSize, simulatedPriceTable } from './price-table';

describe('simulated price table', () => {
  it('steps down inside a family and stops at its smallest size', () => {
    expect(nextSmallerSize('gp.xlarge')?.size).toBe('gp.large');
    expect(nextSmallerSize('mem.large')).toBeUndefined();
    expect(nextSmallerSize('cpu.large')).toBeUndefined();
    expect(nextSmallerSize('unknown')).toBeUndefined();
  });

  it('applies the region multiplier', () => {
    expect(machineHourlyUsd('gp.large', 'sim-us-east')).toBe(0.096);
    expect(machineHourlyUsd('gp.large', 'sim-ap-southeast')).toBe(0.11136);
  });

  it('prices storage per GB-month over 730 hours, and groups and policies at nothing', () => {
    expect(listPricePerHour('bucket', 'standard', 'sim-us-east', 730)).toBe(0.023);
    expect(listPricePerHour('disk', 'ssd', 'sim-eu-west', 1000)).toBeCloseTo((0.08 * 1000 * 1.08) / 730, 6);
    expect(listPricePerHour('security_group', null, 'sim-us-east', null)).toBe(0);
  });

  it('publishes every region and size with a positive price', () => {
    const table = simulatedPriceTable();
    expect(table.regions).toHaveLength(5);
    expect(table.machines.every((m) => m.hourlyUsd > 0)).toBe(true);
    expect(table.storage.every((s) => s.gbMonthUsd > 0)).toBe(true);
    expect(new Set(table.machines.map((m) => m.size)).size).toBe(table.machines.length);
  });
});
