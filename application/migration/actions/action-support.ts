import {
  type Migration,
  type MigrationWorkload,
  type PipelineStage,
  type WorkloadState,
  enterStage,
  moveWorkload,
} from '../../../domain/migration/migration.entity';
import { type MigrationRepository } from '../../../domain/migration/ports/migration-repository.port';
import { type PriceCatalog } from '../../../domain/migration/ports/price-catalog.port';
import { type WorkloadRepository } from '../../../domain/migration/ports/workload-repository.port';
import { DomainError } from '../../../domain/shared/domain-error';
import { type Clock } from '../../../domain/shared/ports/clock.port';
import { type Result, err, ok } from '../../../domain/shared/result';
import { type ActionContext } from '../../agents/agent-actions';
import { type CreateApprovalUseCase } from '../../governance/create-approval.use-case';
import { type EvaluatePolicyUseCase } from '../../governance/evaluate-policy.use-case';
import { type GetApprovalUseCase } from '../../governance/get-approval.use-case';
import { type PlanWavesUseCase } from '../plan-waves.use-case';
import { type StartMigrationUseCase } from '../start-migration.use-case';
import { type TargetCloud } from '../target-cloud';

export interface MigrationActionSettings {
  /** How often Validate re-checks targets that are still provisioning. */
  readonly validatePollMs: number;
  /** How long Validate waits for every target to run before it fails the wave. */
  readonly validateDeadlineMs: number;
  /** How often the cutover gate and a rollback look at a pending approval. */
  readonly approvalPollMs: number;
  /** How often `migration.run_wave` looks at the pipeline it started. */
  readonly runWavePollMs: number;
}

export const DEFAULT_ACTION_SETTINGS: MigrationActionSettings = {
  validatePollMs: 2_000,
  validateDeadlineMs: 180_000,
  approvalPollMs: 5_000,
  runWavePollMs: 5_000,
};

export interface MigrationActionDeps {
  readonly workloads: WorkloadRepository;
  readonly migrations: MigrationRepository;
  readonly catalog: PriceCatalog;
  readonly cloud: TargetCloud;
  readonly evaluatePolicy: Pick<EvaluatePolicyUseCase, 'execute'>;
  readonly createApproval: Pick<CreateApprovalUseCase, 'execute'>;
  readonly getApproval: Pick<GetApprovalUseCase, 'execute'>;
  readonly startMigration: Pick<StartMigrationUseCase, 'execute'>;
  readonly planWaves: Pick<PlanWavesUseCase, 'execute'>;
  readonly clock: Clock;
  readonly settings?: Partial<MigrationActionSettings>;
}

export const settingsOf = (deps: MigrationActionDeps): MigrationActionSettings => ({
  ...DEFAULT_ACTION_SETTINGS,
  ...deps.settings,
});

/** Errors the runner retries with backoff: the cloud or a service was briefly unreachable. */
export const isTransient = (error: DomainError): boolean =>
  error.code === 'upstream' || error.code === 'unavailable';

/** A wave that cannot go on: not retried by the runner, shown as the migration's error. */
export const waveFailure = (message: string, reason: string): DomainError =>
  new DomainError('unprocessable', message, reason);

export const param = (ctx: ActionContext, name: string): string | null => {
  const value = ctx.params[name];
  return typeof value === 'string' && value.length > 0 ? value : null;
};

export async function loadMigration(
  deps: MigrationActionDeps,
  ctx: ActionContext,
): Promise<Result<Migration>> {
  const id = param(ctx, 'migration_id');
  if (!id)
    return err(
      DomainError.validation('migration_id is required', [{ path: 'migration_id', message: 'required' }]),
    );
  const found = await deps.migrations.findById(ctx.actor.tenantId, id);
  return found ? ok(found) : err(DomainError.notFound('migration', id));
}

export function workloadOf(m: Migration, ctx: ActionContext): Result<MigrationWorkload> {
  const id = param(ctx, 'workload_id');
  const found = m.workloads.find((w) => w.workloadId === id);
  return found ? ok(found) : err(DomainError.notFound('workload of this migration', id ?? undefined));
}

/** Moves the pipeline to `stage` and stores it when that changed anything. */
export async function reachStage(
  deps: MigrationActionDeps,
  m: Migration,
  stage: PipelineStage,
): Promise<Result<Migration>> {
  const moved = enterStage(m, stage, deps.clock.now());
  if (!moved.ok) return moved;
  if (moved.value !== m) {
    await deps.migrations.update(m.tenantId, m.id, {
      stage: moved.value.stage,
      updatedAt: moved.value.updatedAt,
      finishedAt: moved.value.finishedAt,
    });
  }
  return moved;
}

const PATH: readonly WorkloadState[] = ['pending', 'migrating', 'migrated', 'validated', 'cut_over'];

/**
 * Walks a workload forward along pending → … → cut_over to `to` (a retried workload may be
 * several steps behind), or straight to failed / rolled_back, and stores it.
 */
export async function advance(
  deps: MigrationActionDeps,
  m: Migration,
  w: MigrationWorkload,
  to: WorkloadState,
  patch: Parameters<typeof moveWorkload>[3] = {},
): Promise<Result<MigrationWorkload>> {
  const now = deps.clock.now();
  let current = w;
  const from = PATH.indexOf(w.state);
  const target = PATH.indexOf(to);
  const steps = from >= 0 && target > from ? PATH.slice(from + 1, target + 1) : [to];
  for (const state of steps) {
    const moved = moveWorkload(current, state, now, state === to ? patch : {});
    if (!moved.ok) return moved;
    current = moved.value;
  }
  if (current !== w) await deps.migrations.saveWorkload(m.tenantId, m.id, current);
  return ok(current);
}

/** Stores why the wave failed (the finished hook keeps it as the migration's error). */
export async function recordFailure(deps: MigrationActionDeps, m: Migration, message: string): Promise<void> {
  await deps.migrations.update(m.tenantId, m.id, { error: message, updatedAt: deps.clock.now() });
}
