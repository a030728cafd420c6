import { type MachineQuote, type PriceCatalog } from './ports/price-catalog.port';
import { type Strategy } from './strategy';
import { type Criticality, type WorkloadFacts } from './workload-facts';
import { type LicenseClass, licenseClass } from './workload-profile';

export interface CostBreakdown {
  readonly compute: number;
  readonly storage: number;
  readonly license: number;
  readonly operations: number;
}

export interface WorkloadTco {
  readonly strategy: Strategy;
  readonly region: string;
  readonly currentMonthlyUsd: number;
  readonly cloudMonthlyUsd: number;
  readonly monthlySavingsUsd: number;
  readonly oneTimeMigrationUsd: number;
  /** Months until the one-time cost is paid back by the savings; null when it never is. */
  readonly paybackMonths: number | null;
  /** The VM size the target gets on the simulated cloud; null when nothing is provisioned. */
  readonly targetSize: string | null;
  readonly sizing: { readonly cpus: number; readonly memoryGb: number; readonly basis: string };
  readonly current: CostBreakdown;
  readonly cloud: CostBreakdown;
  readonly assumptions: readonly string[];
}

export interface TcoTotals {
  readonly workloads: number;
  readonly currentMonthlyUsd: number;
  readonly cloudMonthlyUsd: number;
  readonly monthlySavingsUsd: number;
  readonly oneTimeMigrationUsd: number;
  readonly paybackMonths: number | null;
  readonly threeYearSavingsUsd: number;
}

/** On-premises run cost model (USD per month); stated in every estimate's assumptions. */
const ON_PREM = { perVcpu: 22, perGbRam: 3.5, perGbStorage: 0.1 } as const;
const LICENSE_PER_VCPU: Readonly<Record<LicenseClass, number>> = {
  none: 0,
  rhel: 6,
  windows: 8,
  sql_server: 40,
  sql_server_enterprise: 150,
  oracle: 290,
  ibm: 400,
  vmware: 18,
  other: 25,
};
const OPERATIONS: Readonly<Record<Criticality, number>> = { low: 120, medium: 250, high: 450, critical: 800 };
const ONE_TIME_BASE: Readonly<Record<Strategy, number>> = {
  rehost: 2_000,
  relocate: 1_500,
  replatform: 8_000,
  refactor: 30_000,
  repurchase: 12_000,
  retire: 1_000,
  retain: 0,
};
const CRITICALITY_FACTOR: Readonly<Record<Criticality, number>> = {
  low: 0.8,
  medium: 1,
  high: 1.3,
  critical: 1.6,
};
/** Share of license and operations cost that remains after the move, by strategy. */
const KEPT: Readonly<Record<Strategy, { license: number; operations: number; compute: number }>> = {
  rehost: { license: 1, operations: 0.8, compute: 1 },
  relocate: { license: 1, operations: 0.85, compute: 1 },
  replatform: { license: 0.3, operations: 0.5, compute: 1.4 },
  refactor: { license: 0, operations: 0.4, compute: 0.7 },
  repurchase: { license: 0, operations: 0.2, compute: 0 },
  retire: { license: 0, operations: 0, compute: 0 },
  retain: { license: 1, operations: 1, compute: 1 },
};
const SAAS_SHARE = 0.6;

const usd = (value: number): number => Math.round(value * 100) / 100;
const sum = (b: CostBreakdown): number => usd(b.compute + b.storage + b.license + b.operations);

/** Capacity the target needs: measured p95 plus headroom when measured, else what is allocated. */
export function requiredCapacity(facts: WorkloadFacts): { cpus: number; memoryGb: number; basis: string } {
  const { cpuP95, memP95 } = facts.utilization;
  const cpus = cpuP95 === null ? facts.cpu : Math.max(1, Math.ceil((facts.cpu * cpuP95 * 1.3) / 100));
  const memoryGb =
    memP95 === null ? facts.memoryGb : Math.max(1, Math.ceil((facts.memoryGb * memP95 * 1.2) / 100));
  const basis =
    cpuP95 === null && memP95 === null
      ? 'allocated capacity (no utilization data)'
      : 'p95 utilization + 30% CPU / 20% memory headroom';
  return { cpus: Math.min(cpus, facts.cpu), memoryGb: Math.min(memoryGb, facts.memoryGb), basis };
}

/** The VM a workload is sized to; several of the largest size when none is big enough. */
export function targetMachine(
  catalog: PriceCatalog,
  region: string,
  capacity: { cpus: number; memoryGb: number },
): { quote: MachineQuote; count: number } {
  const quote = catalog.machineFor(region, capacity.cpus, capacity.memoryGb);
  if (quote) return { quote, count: 1 };
  const largest = catalog.largestMachine(region);
  const count = Math.max(
    Math.ceil(capacity.cpus / largest.cpus),
    Math.ceil(capacity.memoryGb / largest.memoryGb),
  );
  return { quote: largest, count };
}

/** Current on-premises cost against the cloud cost of the chosen strategy, per month, plus the one-off. */
export function estimateTco(
  facts: WorkloadFacts,
  strategy: Strategy,
  catalog: PriceCatalog,
  region: string,
): WorkloadTco {
  const licensePerVcpu = LICENSE_PER_VCPU[licenseClass(facts.license)];
  const current: CostBreakdown = {
    compute: usd(facts.cpu * ON_PREM.perVcpu + facts.memoryGb * ON_PREM.perGbRam),
    storage: usd(facts.storageGb * ON_PREM.perGbStorage),
    license: usd(facts.cpu * licensePerVcpu),
    operations: OPERATIONS[facts.criticality],
  };
  const capacity = requiredCapacity(facts);
  const kept = KEPT[strategy];
  const provisions = strategy !== 'retire' && strategy !== 'retain' && strategy !== 'repurchase';
  const machine = provisions ? targetMachine(catalog, region, capacity) : null;
  const assumptions = [
    `on premises: $${ON_PREM.perVcpu}/vCPU, $${ON_PREM.perGbRam}/GB RAM, $${ON_PREM.perGbStorage}/GB storage per month; operations by criticality`,
    `cloud prices: ${region}, 730 hours a month, on-demand`,
  ];
  let cloud: CostBreakdown;
  if (strategy === 'retain') {
    cloud = current;
    assumptions.push('retained: stays on premises at its current cost');
  } else if (strategy === 'retire') {
    cloud = { compute: 0, storage: 0, license: 0, operations: 0 };
    assumptions.push('retired: its run cost disappears after decommissioning');
  } else if (strategy === 'repurchase') {
    cloud = {
      compute: usd(SAAS_SHARE * (current.compute + current.license)),
      storage: 0,
      license: 0,
      operations: usd(current.operations * kept.operations),
    };
    assumptions.push(
      `SaaS subscription estimated at ${SAAS_SHARE * 100}% of today's compute and license cost`,
    );
  } else {
    const m = machine as { quote: MachineQuote; count: number };
    cloud = {
      compute: usd(m.quote.monthlyUsd * m.count * kept.compute),
      storage: usd(catalog.storageMonthlyUsd(region, facts.storageGb)),
      license: usd(Math.min(capacity.cpus, m.quote.cpus * m.count) * licensePerVcpu * kept.license),
      operations: usd(current.operations * kept.operations),
    };
    assumptions.push(
      m.count > 1
        ? `no single size fits ${capacity.cpus} vCPU / ${capacity.memoryGb} GB: ${m.count} × ${m.quote.size}`
        : `target ${m.quote.size} (${m.quote.cpus} vCPU, ${m.quote.memoryGb} GB) sized on ${capacity.basis}`,
    );
    if (strategy === 'replatform')
      assumptions.push('managed service premium of 40% on compute; licenses mostly included or replaced');
    if (strategy === 'refactor')
      assumptions.push('containers bin-pack to 70% of the VM cost; open-source runtime');
  }
  const currentMonthlyUsd = sum(current);
  const cloudMonthlyUsd = sum(cloud);
  const monthlySavingsUsd = usd(currentMonthlyUsd - cloudMonthlyUsd);
  const oneTimeMigrationUsd = usd(
    ONE_TIME_BASE[strategy] * CRITICALITY_FACTOR[facts.criticality] +
      (provisions ? facts.storageGb * 0.02 : 0),
  );
  return {
    strategy,
    region,
    currentMonthlyUsd,
    cloudMonthlyUsd,
    monthlySavingsUsd,
    oneTimeMigrationUsd,
    paybackMonths: payback(oneTimeMigrationUsd, monthlySavingsUsd),
    targetSize: machine ? machine.quote.size : null,
    sizing: capacity,
    current,
    cloud,
    assumptions,
  };
}

const payback = (oneTime: number, savings: number): number | null =>
  savings > 0 ? Math.round((oneTime / savings) * 10) / 10 : oneTime === 0 ? 0 : null;

/** The totals of a wave (or any set of workloads). */
export function totalTco(items: readonly WorkloadTco[]): TcoTotals {
  const currentMonthlyUsd = usd(items.reduce((s, t) => s + t.currentMonthlyUsd, 0));
  const cloudMonthlyUsd = usd(items.reduce((s, t) => s + t.cloudMonthlyUsd, 0));
  const oneTimeMigrationUsd = usd(items.reduce((s, t) => s + t.oneTimeMigrationUsd, 0));
  const monthlySavingsUsd = usd(currentMonthlyUsd - cloudMonthlyUsd);
  return {
    workloads: items.length,
    currentMonthlyUsd,
    cloudMonthlyUsd,
    monthlySavingsUsd,
    oneTimeMigrationUsd,
    paybackMonths: payback(oneTimeMigrationUsd, monthlySavingsUsd),
    threeYearSavingsUsd: usd(monthlySavingsUsd * 36 - oneTimeMigrationUsd),
  };
}
