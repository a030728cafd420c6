import { type TenantId } from '../shared/tenant-id';
import { type ReadinessScore } from './readiness';
import { type StrategyRecommendation } from './strategy';
import { type WorkloadTco } from './tco';
import { type BusinessGoals, type WorkloadFacts } from './workload-facts';

export * from './workload-facts';

/** The result of assessing one workload; stored on it until its facts change. */
export interface Assessment {
  readonly readiness: ReadinessScore;
  readonly recommendation: StrategyRecommendation;
  readonly tco: WorkloadTco;
  readonly goals: BusinessGoals;
  readonly region: string;
  readonly assessedAt: Date;
}

export interface Workload extends WorkloadFacts {
  readonly tenantId: TenantId;
  readonly id: string;
  /** The import that last wrote the facts. */
  readonly importBatch: string;
  /** Null until assessed, and again after a re-import changed the facts. */
  readonly assessment: Assessment | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
