import { type DependencyContext, NO_DEPENDENCIES } from './dependency-graph';
import { type WorkloadFacts } from './workload-facts';
import { type WorkloadProfile, profileOf } from './workload-profile';

export const READINESS_DIMENSIONS = [
  'technical_fit',
  'dependency_complexity',
  'data_sensitivity',
  'licensing',
  'operational_maturity',
  'utilization',
] as const;
export type ReadinessDimension = (typeof READINESS_DIMENSIONS)[number];

/** How much each dimension counts; they add up to 1. */
export const READINESS_WEIGHTS: Readonly<Record<ReadinessDimension, number>> = {
  technical_fit: 0.3,
  dependency_complexity: 0.15,
  data_sensitivity: 0.15,
  licensing: 0.15,
  operational_maturity: 0.1,
  utilization: 0.15,
};

export interface DimensionScore {
  readonly dimension: ReadinessDimension;
  /** 0–100: 100 is no obstacle to moving. */
  readonly score: number;
  readonly weight: number;
  readonly reasons: readonly string[];
}

export interface ReadinessScore {
  /** 0–100, the weighted sum of the dimensions. */
  readonly total: number;
  readonly band: 'ready' | 'needs_work' | 'not_ready';
  readonly dimensions: readonly DimensionScore[];
}

const clamp = (value: number): number => Math.max(0, Math.min(100, Math.round(value)));

type Scored = { score: number; reasons: string[] };

function technicalFit(facts: WorkloadFacts, p: WorkloadProfile): Scored {
  const reasons: string[] = [];
  const byOs: Record<WorkloadProfile['os'], [number, string]> = {
    linux: [95, `${facts.os} runs as-is on cloud VMs`],
    windows: [90, `${facts.os} is supported on cloud VMs`],
    vmware: [80, 'VMware workloads can move to a VMware-based cloud unchanged'],
    legacy_linux: [55, `${facts.os} is past end of support: upgrade or re-platform before moving`],
    legacy_windows: [45, `${facts.os} is past end of support and has no supported cloud image`],
    unix: [25, `${facts.os} (proprietary Unix) has no cloud VM equivalent: needs a re-platform`],
    mainframe: [10, `${facts.os} is a mainframe/midrange platform: no lift-and-shift target`],
    unknown: [60, `operating system "${facts.os}" is not recognised`],
  };
  const [base, reason] = byOs[p.os];
  let score = base;
  reasons.push(reason);
  if (p.mainframeStack) {
    score -= 25;
    reasons.push('mainframe languages in the stack (COBOL, CICS…) need emulation or a rewrite');
  }
  if (p.modern) {
    score += 5;
    reasons.push('modern runtime in the stack');
  }
  if (facts.cpu > 64 || facts.memoryGb > 512) {
    score -= 15;
    reasons.push(`${facts.cpu} vCPU / ${facts.memoryGb} GB is larger than common cloud sizes`);
  }
  return { score: clamp(score), reasons };
}

function dependencyComplexity(context: DependencyContext): Scored {
  const reasons: string[] = [];
  let score = 100 - 6 * context.dependencies - 4 * context.dependents;
  if (context.dependencies + context.dependents === 0) reasons.push('no dependencies on other workloads');
  else reasons.push(`${context.dependencies} dependencies, ${context.dependents} dependents`);
  if (context.cycleSize > 1) {
    score -= 10 + 3 * context.cycleSize;
    reasons.push(`in a dependency cycle of ${context.cycleSize} workloads: they must move together`);
  }
  if (context.missing.length > 0) {
    score -= 8 * context.missing.length;
    reasons.push(`depends on ${context.missing.join(', ')}, not in the inventory (stays on premises?)`);
  }
  return { score: clamp(score), reasons };
}

function dataSensitivity(facts: WorkloadFacts): Scored {
  const table = {
    public: [100, 'public data: no residency or encryption constraints'],
    internal: [85, 'internal data: standard encryption at rest and in transit'],
    confidential: [60, 'confidential data: needs encryption with managed keys and access review'],
    restricted: [30, 'restricted data: residency, key custody and compliance sign-off before moving'],
  } as const;
  const [score, reason] = table[facts.dataSensitivity];
  return { score, reasons: [reason] };
}

function licensing(p: WorkloadProfile, facts: WorkloadFacts): Scored {
  const table: Record<WorkloadProfile['license'], [number, string]> = {
    none: [100, 'open source or no commercial license'],
    rhel: [90, 'RHEL subscriptions are portable (Cloud Access)'],
    windows: [80, 'Windows Server licenses are included in cloud prices or portable with mobility rights'],
    sql_server: [70, 'SQL Server Standard: license-included or BYOL with Software Assurance'],
    vmware: [65, 'VMware licenses carry over only to VMware-based clouds'],
    sql_server_enterprise: [50, 'SQL Server Enterprise: costly in the cloud without Software Assurance'],
    oracle: [35, 'Oracle licensing counts cloud vCPUs differently: review before moving'],
    ibm: [20, 'IBM/mainframe licensing (MIPS, PVU) has no straightforward cloud equivalent'],
    other: [70, `commercial license "${facts.license}": check its cloud terms`],
  };
  const [score, reason] = table[p.license];
  return { score, reasons: [reason] };
}

function operationalMaturity(facts: WorkloadFacts, p: WorkloadProfile): Scored {
  const reasons: string[] = [];
  let score = 60;
  if (p.devops.length > 0) {
    score += Math.min(30, 10 * p.devops.length);
    reasons.push(`automation already in place: ${p.devops.join(', ')}`);
  } else {
    reasons.push('no automation or observability tooling listed');
  }
  if (facts.environment !== 'production') {
    score += 10;
    reasons.push(`${facts.environment} environment: low-risk to move first`);
  }
  if (facts.criticality === 'critical') {
    score -= 20;
    reasons.push('business critical: needs a rehearsed cutover and rollback plan');
  } else if (facts.criticality === 'high') {
    score -= 10;
    reasons.push('high criticality: needs a tested rollback');
  }
  return { score: clamp(score), reasons };
}

function utilization(facts: WorkloadFacts): Scored {
  const { cpuP95, memP95 } = facts.utilization;
  if (cpuP95 === null && memP95 === null) {
    return { score: 50, reasons: ['no utilization data: sizing falls back to allocated capacity'] };
  }
  const reasons: string[] = [];
  let score = 90;
  if (cpuP95 !== null) {
    if (cpuP95 < 10) reasons.push(`CPU p95 ${cpuP95}%: heavily over-provisioned, right-size or retire`);
    else if (cpuP95 > 85) {
      score -= 30;
      reasons.push(`CPU p95 ${cpuP95}%: saturated, size up and load-test in the cloud`);
    } else reasons.push(`CPU p95 ${cpuP95}%: measured, right-sizing is reliable`);
  }
  if (memP95 !== null && memP95 > 90) {
    score -= 20;
    reasons.push(`memory p95 ${memP95}%: memory-bound`);
  }
  if (cpuP95 === null || memP95 === null) {
    score -= 15;
    reasons.push('utilization is only partly measured');
  }
  return { score: clamp(score), reasons };
}

/** The cloud readiness of one workload, dimension by dimension, with the reasons behind each score. */
export function scoreReadiness(
  facts: WorkloadFacts,
  context: DependencyContext = NO_DEPENDENCIES,
): ReadinessScore {
  const p = profileOf(facts);
  const scored: Record<ReadinessDimension, Scored> = {
    technical_fit: technicalFit(facts, p),
    dependency_complexity: dependencyComplexity(context),
    data_sensitivity: dataSensitivity(facts),
    licensing: licensing(p, facts),
    operational_maturity: operationalMaturity(facts, p),
    utilization: utilization(facts),
  };
  const dimensions = READINESS_DIMENSIONS.map((dimension) => ({
    dimension,
    score: scored[dimension].score,
    weight: READINESS_WEIGHTS[dimension],
    reasons: scored[dimension].reasons,
  }));
  const total = clamp(dimensions.reduce((sum, d) => sum + d.score * d.weight, 0));
  return { total, band: total >= 75 ? 'ready' : total >= 50 ? 'needs_work' : 'not_ready', dimensions };
}
