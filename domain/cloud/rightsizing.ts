import { type Resource } from './resource.entity';

/** One rung of a family's ladder; the simulated price table's rows fit this shape as they are. */
export interface SizeStep {
  readonly size: string;
  readonly hourlyUsd: number;
}

/** Family → sizes ordered smallest first. Sizes inside a family differ only in capacity. */
export type SizeLadder = Readonly<Record<string, readonly SizeStep[]>>;

export interface RightsizingOptions {
  /** cpuP95 must be below this percentage… */
  readonly cpuBelow?: number;
  /** …and memoryP95 below this one. */
  readonly memoryBelow?: number;
  /** Two steps down when cpuP95 is below this… */
  readonly deepCpuBelow?: number;
  /**
   * …and memoryP95 below this. Each step down usually halves memory, so two steps turn 39 % into
   * ~156 %: the second step needs memory headroom as well as idle CPUs.
   */
  readonly deepMemoryBelow?: number;
  readonly hoursPerMonth?: number;
}

export interface Suggestion {
  readonly resourceId: string;
  readonly providerId: string;
  readonly family: string;
  readonly currentSize: string;
  readonly suggestedSize: string;
  readonly monthlySavingsUsd: number;
  readonly reason: string;
}

const DEFAULTS: Required<RightsizingOptions> = {
  cpuBelow: 20,
  memoryBelow: 40,
  deepCpuBelow: 5,
  deepMemoryBelow: 20,
  hoursPerMonth: 730,
};

/**
 * Downsizing suggestions for running VMs whose 95th-percentile CPU and memory are both known and
 * low. A VM whose size is not on the ladder, or already on its lowest rung, gets none.
 *
 * Savings take the price ratio from the ladder and the absolute price from the resource: the
 * ladder holds list prices of one reference region, the resource its real (regional) price. When
 * the resource has no price, the ladder's difference is used as is.
 */
export function suggestRightsizing(
  resources: readonly Resource[],
  ladder: SizeLadder,
  options: RightsizingOptions = {},
): Suggestion[] {
  const o = { ...DEFAULTS, ...options };
  const positions = indexLadder(ladder);
  const suggestions: Suggestion[] = [];
  for (const resource of resources) {
    const { cpuP95, memoryP95 } = resource.config;
    if (resource.type !== 'vm' || resource.state !== 'running' || resource.size === null) continue;
    if (!isPercent(cpuP95) || !isPercent(memoryP95)) continue;
    if (cpuP95 >= o.cpuBelow || memoryP95 >= o.memoryBelow) continue;
    const position = positions.get(resource.size);
    if (!position || position.index === 0) continue;

    const steps = cpuP95 < o.deepCpuBelow && memoryP95 < o.deepMemoryBelow ? 2 : 1;
    const target = Math.max(0, position.index - steps);
    const current = position.sizes[position.index];
    const suggested = position.sizes[target];
    const hourlySavings =
      resource.costPerHour > 0 && current.hourlyUsd > 0
        ? resource.costPerHour * (1 - suggested.hourlyUsd / current.hourlyUsd)
        : current.hourlyUsd - suggested.hourlyUsd;
    const monthlySavingsUsd = Math.round(hourlySavings * o.hoursPerMonth * 100) / 100;
    if (monthlySavingsUsd <= 0) continue;
    suggestions.push({
      resourceId: resource.id,
      providerId: resource.providerId,
      family: position.family,
      currentSize: current.size,
      suggestedSize: suggested.size,
      monthlySavingsUsd,
      reason:
        `p95 CPU ${formatPercent(cpuP95)} and memory ${formatPercent(memoryP95)} ` +
        `(below ${o.cpuBelow} % and ${o.memoryBelow} %): ` +
        `${position.index - target === 2 ? 'two sizes' : 'one size'} down`,
    });
  }
  // Biggest saving first: the list is read as a to-do list.
  return suggestions.sort(
    (a, b) =>
      b.monthlySavingsUsd - a.monthlySavingsUsd ||
      (a.resourceId < b.resourceId ? -1 : a.resourceId > b.resourceId ? 1 : 0),
  );
}

interface LadderPosition {
  readonly family: string;
  readonly sizes: readonly SizeStep[];
  readonly index: number;
}

/** Size → its family and rung; a size listed in two families keeps the first family by name. */
function indexLadder(ladder: SizeLadder): Map<string, LadderPosition> {
  const positions = new Map<string, LadderPosition>();
  for (const family of Object.keys(ladder).sort()) {
    ladder[family].forEach((step, index) => {
      if (!positions.has(step.size)) positions.set(step.size, { family, sizes: ladder[family], index });
    });
  }
  return positions;
}

const isPercent = (value: number | undefined): value is number =>
  value !== undefined && Number.isFinite(value) && value >= 0;

const formatPercent = (value: number) => `${Math.round(value * 10) / 10} %`;
