import { type ReadinessScore } from './readiness';
import { type BusinessGoals, EQUAL_GOALS, type WorkloadFacts } from './workload-facts';
import { type WorkloadProfile, profileOf } from './workload-profile';

export const STRATEGIES = [
  'rehost',
  'replatform',
  'refactor',
  'repurchase',
  'retire',
  'retain',
  'relocate',
] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** Strategies that leave the workload where it is: waves skip them. */
export const STAYS_PUT: ReadonlySet<Strategy> = new Set(['retire', 'retain']);

export interface StrategyRecommendation {
  readonly strategy: Strategy;
  /** The cloud service it lands on, and what stands in for it on the simulated cloud. */
  readonly targetService: string;
  /** 0–1: how clearly the winner beats the runner-up. */
  readonly confidence: number;
  readonly rationale: readonly string[];
  /** Every strategy's score (0–1), best first. */
  readonly scores: readonly { readonly strategy: Strategy; readonly score: number }[];
}

type Goal = keyof BusinessGoals;

/** How well each strategy serves each business goal (0–1), as the goals are described by AWS. */
const AFFINITY: Readonly<Record<Strategy, Readonly<Record<Goal, number>>>> = {
  rehost: { speedOfMigration: 1, managedServices: 0.2, cloudNative: 0.1, licenseCostReduction: 0.2 },
  replatform: { speedOfMigration: 0.6, managedServices: 0.9, cloudNative: 0.5, licenseCostReduction: 0.6 },
  refactor: { speedOfMigration: 0.2, managedServices: 0.6, cloudNative: 1, licenseCostReduction: 0.7 },
  repurchase: { speedOfMigration: 0.5, managedServices: 1, cloudNative: 0.6, licenseCostReduction: 0.8 },
  retire: { speedOfMigration: 1, managedServices: 1, cloudNative: 0.3, licenseCostReduction: 1 },
  retain: { speedOfMigration: 0.8, managedServices: 0, cloudNative: 0, licenseCostReduction: 0 },
  relocate: { speedOfMigration: 1, managedServices: 0.3, cloudNative: 0.1, licenseCostReduction: 0.2 },
};

const GOAL_TEXT: Readonly<Record<Goal, string>> = {
  speedOfMigration: 'speed of migration',
  managedServices: 'reduced operational overhead with managed services',
  cloudNative: 'modernization with cloud-native technologies',
  licenseCostReduction: 'license cost reduction',
};

/** Goal weights as fractions of their sum; all-zero weights count as equal. */
export function normalizeGoals(goals: BusinessGoals): BusinessGoals {
  const sum = goals.speedOfMigration + goals.managedServices + goals.cloudNative + goals.licenseCostReduction;
  if (!(sum > 0)) return normalizeGoals(EQUAL_GOALS);
  return {
    speedOfMigration: goals.speedOfMigration / sum,
    managedServices: goals.managedServices / sum,
    cloudNative: goals.cloudNative / sum,
    licenseCostReduction: goals.licenseCostReduction / sum,
  };
}

/** How applicable each strategy is to this workload (0–1), and why, before goals weigh in. */
function applicability(
  facts: WorkloadFacts,
  p: WorkloadProfile,
  readiness: ReadinessScore,
): Record<Strategy, { fit: number; why: string }> {
  const fit = readiness.dimensions.find((d) => d.dimension === 'technical_fit')?.score ?? 50;
  const { cpuP95, memP95 } = facts.utilization;
  const idle = cpuP95 !== null && cpuP95 <= 5 && (memP95 === null || memP95 <= 30);
  const retire =
    idle && facts.criticality === 'low'
      ? { fit: 0.95, why: `idle (CPU p95 ${cpuP95}%) and low criticality: decommission it` }
      : idle && facts.criticality === 'medium' && facts.environment !== 'production'
        ? { fit: 0.7, why: `idle non-production system (CPU p95 ${cpuP95}%)` }
        : { fit: 0, why: 'in use' };
  const retain =
    p.os === 'mainframe' || p.mainframeStack
      ? { fit: 0.9, why: 'mainframe platform: keep it on premises until a modernization program' }
      : fit < 30
        ? { fit: 0.7, why: 'technical fit too low to move as it is' }
        : facts.dataSensitivity === 'restricted' && facts.criticality === 'critical'
          ? { fit: 0.5, why: 'restricted data on a critical system: compliance may keep it on premises' }
          : { fit: 0.05, why: 'nothing forces it to stay' };
  const database = p.database !== null;
  const mainframe = p.os === 'mainframe' || p.mainframeStack;
  if (mainframe) {
    const why = 'mainframe workload: moving it means emulation or a rewrite program';
    return {
      retire,
      retain,
      repurchase: { fit: 0, why: 'no SaaS equivalent known' },
      relocate: { fit: 0, why: 'not a VMware workload' },
      rehost: { fit: 0.05, why },
      replatform: { fit: 0.15, why },
      refactor: { fit: 0.3, why },
    };
  }
  return {
    retire,
    retain,
    repurchase: p.saas
      ? { fit: 0.9, why: `packaged application with a SaaS equivalent (${p.saas})` }
      : { fit: 0, why: 'no SaaS equivalent known' },
    relocate:
      p.os === 'vmware'
        ? { fit: 0.85, why: 'runs on VMware: move the VMs unchanged to a VMware-based cloud' }
        : { fit: 0.1, why: 'not a VMware workload' },
    rehost:
      fit >= 40
        ? { fit: 0.7, why: `supported platform (technical fit ${fit}): lift and shift to a VM` }
        : { fit: 0.2, why: `technical fit ${fit} makes lift and shift risky` },
    replatform: database
      ? { fit: 0.8, why: `${p.database} can run as a managed database` }
      : p.appServer
        ? { fit: 0.65, why: 'application server can move to a managed runtime' }
        : { fit: 0.3, why: 'no managed service obviously replaces its stack' },
    refactor: p.modern
      ? { fit: facts.criticality === 'low' ? 0.55 : 0.75, why: 'modern stack that containerizes well' }
      : { fit: 0.2, why: 'legacy stack: refactoring means a rewrite' },
  };
}

function targetService(strategy: Strategy, p: WorkloadProfile): string {
  switch (strategy) {
    case 'rehost':
      return 'Amazon EC2 (simulated VM)';
    case 'relocate':
      return 'VMware Cloud on AWS (simulated VM)';
    case 'replatform':
      if (p.database === 'oracle' || p.database === 'oracle-db')
        return 'Amazon RDS for Oracle (simulated VM)';
      if (p.database && /sql-?server|mssql/.test(p.database))
        return 'Amazon RDS for SQL Server (simulated VM)';
      if (p.database) return `Amazon RDS / managed ${p.database} (simulated VM)`;
      return 'AWS Elastic Beanstalk, managed runtime (simulated VM)';
    case 'refactor':
      return 'Amazon EKS containers (simulated VM node)';
    case 'repurchase':
      return `SaaS: ${p.saas ?? 'a SaaS product'}`;
    case 'retire':
      return 'none: decommission';
    case 'retain':
      return 'on premises (no move)';
  }
}

const round = (value: number, digits = 3): number => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Picks one of the 7 Rs. Each strategy scores applicability × (0.4 + 0.6 × goal fit): facts decide
 * what is possible, the business goals decide among the possible ones. Ties go to the earlier
 * strategy in STRATEGIES, so the result is deterministic.
 */
export function recommendStrategy(
  facts: WorkloadFacts,
  readiness: ReadinessScore,
  goals: BusinessGoals = EQUAL_GOALS,
): StrategyRecommendation {
  const p = profileOf(facts);
  const weights = normalizeGoals(goals);
  const applicable = applicability(facts, p, readiness);
  const scores = STRATEGIES.map((strategy) => {
    const goalFit = (Object.keys(weights) as Goal[]).reduce(
      (sum, goal) => sum + weights[goal] * AFFINITY[strategy][goal],
      0,
    );
    return { strategy, score: round(applicable[strategy].fit * (0.4 + 0.6 * goalFit)) };
  }).sort((a, b) => b.score - a.score || STRATEGIES.indexOf(a.strategy) - STRATEGIES.indexOf(b.strategy));
  const [best, second] = scores as [(typeof scores)[number], (typeof scores)[number]];
  const confidence =
    best.score > 0 ? round(Math.min(0.95, 0.5 + (best.score - second.score) / best.score), 2) : 0;
  const topGoal = (Object.keys(weights) as Goal[]).sort((a, b) => weights[b] - weights[a])[0] as Goal;
  const rationale = [
    applicable[best.strategy].why,
    `readiness ${readiness.total}/100 (${readiness.band.replace('_', ' ')})`,
    `best fit for the weighted goals (top goal: ${GOAL_TEXT[topGoal]}, ${Math.round(weights[topGoal] * 100)}%)`,
    `runner-up: ${second.strategy} (${second.score} vs ${best.score})`,
  ];
  return {
    strategy: best.strategy,
    targetService: targetService(best.strategy, p),
    confidence,
    rationale,
    scores,
  };
}
