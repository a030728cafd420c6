import { type PriceCatalog } from '../../domain/migration/ports/price-catalog.port';
import { type WorkloadRepository } from '../../domain/migration/ports/workload-repository.port';
import { toPlannable, withAssessments } from '../../domain/migration/portfolio';
import { totalTco } from '../../domain/migration/tco';
import { type WaveCaps, type WavePlan, planWaves } from '../../domain/migration/wave-planner';
import { type Assessment, type Workload } from '../../domain/migration/workload.entity';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type Result, ok } from '../../domain/shared/result';
import { type TenantId } from '../../domain/shared/tenant-id';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { type PlanWavesInput } from './migration-input';
import { type WavePlanView, toWavePlanView } from './migration.view';

export interface ComputedPlan {
  readonly plan: WavePlan;
  readonly workloads: ReadonlyMap<string, Workload & { assessment: Assessment }>;
  readonly unassessed: number;
}

/**
 * Waves computed from the current inventory and its assessments (never stored: they follow the
 * inventory). Workloads not assessed yet are planned with an equal-goals assessment.
 */
export class PlanWavesUseCase {
  constructor(
    private readonly workloads: WorkloadRepository,
    private readonly catalog: PriceCatalog,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: PlanWavesInput): Promise<Result<WavePlanView>> {
    const reader = authorizeTenant(actor, 'viewer');
    if (!reader.ok) return reader;
    const caps = { maxWaveSize: input.max_wave_size, maxWaveRisk: input.max_wave_risk };
    const computed = await this.compute(reader.value.tenantId, caps);
    const tcoOf = (ids: readonly string[]) =>
      totalTco(ids.map((id) => (computed.workloads.get(id) as { assessment: Assessment }).assessment.tco));
    return ok(toWavePlanView(computed.plan, caps, tcoOf, computed.unassessed));
  }

  /** The plan with the assessed workloads it was made from (StartMigrationUseCase picks a wave from it). */
  async compute(tenantId: TenantId, caps: WaveCaps): Promise<ComputedPlan> {
    const all = await this.workloads.listAll(tenantId);
    const { workloads, unassessed } = withAssessments(all, this.catalog, this.clock.now());
    return {
      plan: planWaves(workloads.map(toPlannable), caps),
      workloads: new Map(workloads.map((w) => [w.id, w])),
      unassessed,
    };
  }
}
