import { type Resource, type ResourceConfig } from './resource.entity';
import { type SizeLadder, suggestRightsizing } from './rightsizing';
import { aResource } from '../../test/support/cloud-builders';

const ladder: SizeLadder = {
  gp: [
    { size: 'gp.small', hourlyUsd: 0.02 },
    { size: 'gp.medium', hourlyUsd: 0.04 },
    { size: 'gp.large', hourlyUsd: 0.08 },
    { size: 'gp.xlarge', hourlyUsd: 0.16 },
  ],
  mem: [
    { size: 'mem.large', hourlyUsd: 0.12 },
    { size: 'mem.xlarge', hourlyUsd: 0.24 },
  ],
};

const vm = (config: ResourceConfig, overrides: Partial<Resource> = {}) =>
  aResource({ size: 'gp.large', costPerHour: 0.08, config, ...overrides });

describe('suggestRightsizing', () => {
  it('suggests one size down for low CPU and memory, with the monthly saving', () => {
    expect(suggestRightsizing([vm({ cpuP95: 12, memoryP95: 30 })], ladder)).toEqual([
      {
        resourceId: 'res-1',
        providerId: 'prov-1',
        family: 'gp',
        currentSize: 'gp.large',
        suggestedSize: 'gp.medium',
        monthlySavingsUsd: 29.2,
        reason: 'p95 CPU 12 % and memory 30 % (below 20 % and 40 %): one size down',
      },
    ]);
  });

  it('suggests two sizes down for a nearly idle VM', () => {
    const [suggestion] = suggestRightsizing([vm({ cpuP95: 3, memoryP95: 10 })], ladder);
    expect(suggestion).toMatchObject({ suggestedSize: 'gp.small', monthlySavingsUsd: 43.8 });
    expect(suggestion.reason).toMatch(/two sizes down/);
  });

  it('takes one step only when idle CPUs come with busy memory', () => {
    const [suggestion] = suggestRightsizing([vm({ cpuP95: 3, memoryP95: 35 })], ladder);
    expect(suggestion.suggestedSize).toBe('gp.medium');
  });

  it('stops at the bottom of the ladder', () => {
    const [suggestion] = suggestRightsizing([vm({ cpuP95: 1, memoryP95: 5 }, { size: 'gp.medium' })], ladder);
    expect(suggestion.suggestedSize).toBe('gp.small');
    expect(suggestRightsizing([vm({ cpuP95: 1, memoryP95: 5 }, { size: 'gp.small' })], ladder)).toEqual([]);
  });

  it('scales the saving to the resource’s own (regional) price', () => {
    const [suggestion] = suggestRightsizing(
      [vm({ cpuP95: 12, memoryP95: 30 }, { costPerHour: 0.1 })],
      ladder,
    );
    expect(suggestion.monthlySavingsUsd).toBe(36.5);
  });

  it('uses the ladder prices when the resource has none', () => {
    const [suggestion] = suggestRightsizing([vm({ cpuP95: 12, memoryP95: 30 }, { costPerHour: 0 })], ladder);
    expect(suggestion.monthlySavingsUsd).toBe(29.2);
  });

  it.each<[ResourceConfig, string]>([
    [{ cpuP95: 20, memoryP95: 10 }, 'CPU at the threshold'],
    [{ cpuP95: 10, memoryP95: 40 }, 'memory at the threshold'],
    [{ cpuP95: 10 }, 'unknown memory'],
    [{ memoryP95: 10 }, 'unknown CPU'],
    [{ cpuP95: Number.NaN, memoryP95: 10 }, 'a CPU figure that is not a number'],
  ])('leaves alone a VM with %p (%s)', (config) => {
    expect(suggestRightsizing([vm(config)], ladder)).toEqual([]);
  });

  it('only considers running VMs whose size is on the ladder', () => {
    const low = { cpuP95: 1, memoryP95: 1 };
    expect(
      suggestRightsizing(
        [
          vm(low, { state: 'stopped' }),
          vm(low, { type: 'database' }),
          vm(low, { size: 'n2-standard-4' }),
          vm(low, { size: null }),
        ],
        ladder,
      ),
    ).toEqual([]);
  });

  it('honours custom thresholds', () => {
    expect(
      suggestRightsizing([vm({ cpuP95: 25, memoryP95: 50 })], ladder, { cpuBelow: 30, memoryBelow: 60 }),
    ).toHaveLength(1);
  });

  it('lists the biggest saving first', () => {
    const suggestions = suggestRightsizing(
      [
        vm({ cpuP95: 10, memoryP95: 10 }, { id: 'small-win' }),
        vm({ cpuP95: 10, memoryP95: 10 }, { id: 'big-win', size: 'mem.xlarge', costPerHour: 0.24 }),
      ],
      ladder,
    );
    expect(suggestions.map((s) => s.resourceId)).toEqual(['big-win', 'small-win']);
  });
});
