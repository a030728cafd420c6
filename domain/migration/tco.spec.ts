import { FakePriceCatalog } from './price-catalog.fake';
import { estimateTco, requiredCapacity, totalTco } from './tco';
import { someFacts } from './workload.fake';

const catalog = new FakePriceCatalog();

describe('estimateTco', () => {
  it('right-sizes on p95 utilization and picks the smallest size that fits', () => {
    const facts = someFacts({ cpu: 8, memoryGb: 32, utilization: { cpuP50: 10, cpuP95: 20, memP95: 30 } });
    expect(requiredCapacity(facts)).toMatchObject({ cpus: 3, memoryGb: 12 });
    const tco = estimateTco(facts, 'rehost', catalog, 'test-1');
    expect(tco.targetSize).toBe('s.large');
    expect(tco.cloud.compute).toBeCloseTo(0.2 * 730);
    expect(tco.currentMonthlyUsd).toBeGreaterThan(0);
    expect(tco.monthlySavingsUsd).toBeCloseTo(tco.currentMonthlyUsd - tco.cloudMonthlyUsd, 1);
  });

  it('sizes on allocation when no utilization was measured, and stacks the largest size when none fits', () => {
    const facts = someFacts({
      cpu: 20,
      memoryGb: 40,
      utilization: { cpuP50: null, cpuP95: null, memP95: null },
    });
    const tco = estimateTco(facts, 'rehost', catalog, 'test-1');
    expect(tco.targetSize).toBe('s.xlarge');
    expect(tco.cloud.compute).toBeCloseTo(3 * 0.4 * 730);
    expect(tco.assumptions.join(' ')).toMatch(/3 × s.xlarge/);
  });

  it('costs nothing in the cloud for a retired workload and provisions nothing for SaaS', () => {
    const retired = estimateTco(someFacts(), 'retire', catalog, 'test-1');
    expect(retired.cloudMonthlyUsd).toBe(0);
    expect(retired.targetSize).toBeNull();
    expect(estimateTco(someFacts(), 'repurchase', catalog, 'test-1').targetSize).toBeNull();
    const retained = estimateTco(someFacts(), 'retain', catalog, 'test-1');
    expect(retained.cloudMonthlyUsd).toBe(retained.currentMonthlyUsd);
    expect(retained.oneTimeMigrationUsd).toBe(0);
  });

  it('charges more one-time effort for a refactor than for a rehost', () => {
    const facts = someFacts();
    expect(estimateTco(facts, 'refactor', catalog, 'test-1').oneTimeMigrationUsd).toBeGreaterThan(
      estimateTco(facts, 'rehost', catalog, 'test-1').oneTimeMigrationUsd,
    );
  });

  it('adds up a wave with payback and three-year savings', () => {
    const items = [
      estimateTco(someFacts({ license: 'oracle-ee' }), 'replatform', catalog, 'test-1'),
      estimateTco(someFacts(), 'rehost', catalog, 'test-1'),
    ];
    const total = totalTco(items);
    expect(total.workloads).toBe(2);
    expect(total.currentMonthlyUsd).toBeCloseTo(items[0]!.currentMonthlyUsd + items[1]!.currentMonthlyUsd, 1);
    expect(total.threeYearSavingsUsd).toBeCloseTo(
      total.monthlySavingsUsd * 36 - total.oneTimeMigrationUsd,
      1,
    );
  });
});
