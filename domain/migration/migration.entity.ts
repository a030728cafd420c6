import { DomainError } from '../shared/domain-error';
import { type Result, err, ok } from '../shared/result';
import { type TenantId } from '../shared/tenant-id';
import { type Strategy } from './strategy';
import { type TcoTotals } from './tco';
import { type BusinessGoals } from './workload-facts';
import { type WaveCaps } from './wave-planner';

/** The six stages a wave goes through, in order. */
export const PIPELINE_STAGES = ['assess', 'plan', 'execute', 'validate', 'cutover', 'complete'] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

export const MIGRATION_STAGES = [
  ...PIPELINE_STAGES,
  'failed',
  'rolling_back',
  'rolled_back',
  'cancelled',
] as const;
export type MigrationStage = (typeof MIGRATION_STAGES)[number];

export const WORKLOAD_STATES = [
  'pending',
  'migrating',
  'migrated',
  'validated',
  'cut_over',
  'failed',
  'rolled_back',
] as const;
export type WorkloadState = (typeof WORKLOAD_STATES)[number];

/** One workload inside one migration. */
export interface MigrationWorkload {
  readonly workloadId: string;
  readonly name: string;
  readonly strategy: Strategy;
  readonly targetService: string;
  /** VM size chosen at Plan; null until then, and for workloads with no cloud target (SaaS). */
  readonly targetSize: string | null;
  readonly state: WorkloadState;
  /** Inventory id of the resource created for it. */
  readonly targetResourceId: string | null;
  readonly targetExternalId: string | null;
  readonly error: string | null;
  readonly updatedAt: Date;
}

/** The pipeline of one wave. */
export interface Migration {
  readonly tenantId: TenantId;
  readonly id: string;
  readonly wave: number;
  readonly name: string;
  readonly stage: MigrationStage;
  /** The stage it was in when it failed or was cancelled, so a retry resumes there. */
  readonly failedStage: PipelineStage | null;
  readonly providerId: string;
  readonly region: string;
  readonly projectId: string | null;
  readonly runId: string | null;
  readonly workflowId: string | null;
  readonly rollbackWorkflowId: string | null;
  readonly goals: BusinessGoals;
  readonly caps: WaveCaps;
  readonly tco: TcoTotals | null;
  /** Incremented by each retry; waiting stages key their deadlines on it. */
  readonly retries: number;
  readonly error: string | null;
  readonly startedBy: Readonly<Record<string, unknown>>;
  readonly workloads: readonly MigrationWorkload[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly finishedAt: Date | null;
}

export type MigrationStatus =
  'running' | 'succeeded' | 'failed' | 'rolling_back' | 'rolled_back' | 'cancelled';

export function statusOf(stage: MigrationStage): MigrationStatus {
  switch (stage) {
    case 'complete':
      return 'succeeded';
    case 'failed':
    case 'rolling_back':
    case 'rolled_back':
    case 'cancelled':
      return stage;
    default:
      return 'running';
  }
}

const isPipeline = (stage: MigrationStage): stage is PipelineStage =>
  (PIPELINE_STAGES as readonly string[]).includes(stage);

const illegal = (from: string, to: string, reason = 'illegal_transition') =>
  err(DomainError.conflict(`a migration cannot go from ${from} to ${to}`, reason));

/**
 * Moves the pipeline forward to `stage`. Entering the current stage again is a no-op (a node can
 * be delivered twice); going back, or moving a finished migration, is a conflict.
 */
export function enterStage(m: Migration, stage: PipelineStage, now: Date): Result<Migration> {
  if (m.stage === stage) return ok(m);
  if (!isPipeline(m.stage) || m.stage === 'complete') return illegal(m.stage, stage);
  if (PIPELINE_STAGES.indexOf(stage) < PIPELINE_STAGES.indexOf(m.stage)) return illegal(m.stage, stage);
  const finished = stage === 'complete';
  return ok({ ...m, stage, updatedAt: now, finishedAt: finished ? now : m.finishedAt });
}

/** The pipeline stopped: failed (with the reason) or cancelled. A second report keeps the first. */
export function stop(
  m: Migration,
  outcome: 'failed' | 'cancelled',
  error: string | null,
  now: Date,
): Migration {
  if (!isPipeline(m.stage) || m.stage === 'complete') return m;
  return { ...m, stage: outcome, failedStage: m.stage, error, updatedAt: now, finishedAt: now };
}

/** A failed or cancelled wave runs again from the stage it stopped in. */
export function resume(m: Migration, now: Date): Result<Migration> {
  if ((m.stage !== 'failed' && m.stage !== 'cancelled') || m.failedStage === null) {
    return illegal(m.stage, 'a retry', 'not_retryable');
  }
  return ok({
    ...m,
    stage: m.failedStage,
    failedStage: null,
    error: null,
    retries: m.retries + 1,
    updatedAt: now,
    finishedAt: null,
    workloads: m.workloads.map((w) =>
      w.state === 'failed' ? { ...w, state: 'pending', error: null, updatedAt: now } : w,
    ),
  });
}

export function beginRollback(m: Migration, workflowId: string | null, now: Date): Result<Migration> {
  if (m.stage !== 'failed' && m.stage !== 'cancelled')
    return illegal(m.stage, 'rolling_back', 'not_rollbackable');
  return ok({
    ...m,
    stage: 'rolling_back',
    rollbackWorkflowId: workflowId,
    updatedAt: now,
    finishedAt: null,
  });
}

export function endRollback(m: Migration, error: string | null, now: Date): Migration {
  if (m.stage !== 'rolling_back') return m;
  return error === null
    ? { ...m, stage: 'rolled_back', error: null, updatedAt: now, finishedAt: now }
    : { ...m, stage: 'failed', error: `rollback failed: ${error}`, updatedAt: now, finishedAt: now };
}

const WORKLOAD_TRANSITIONS: Readonly<Record<WorkloadState, readonly WorkloadState[]>> = {
  pending: ['migrating', 'failed', 'rolled_back'],
  migrating: ['migrated', 'failed', 'rolled_back'],
  migrated: ['validated', 'failed', 'rolled_back'],
  validated: ['cut_over', 'failed', 'rolled_back'],
  cut_over: ['rolled_back'],
  failed: ['pending', 'rolled_back'],
  rolled_back: [],
};

/**
 * pending → migrating → migrated → validated → cut_over; any live state may fail or be rolled
 * back, and a failed workload goes back to pending on retry. Staying put is allowed (redelivery).
 */
export function moveWorkload(
  w: MigrationWorkload,
  to: WorkloadState,
  now: Date,
  patch: Partial<
    Pick<MigrationWorkload, 'targetResourceId' | 'targetExternalId' | 'targetSize' | 'error'>
  > = {},
): Result<MigrationWorkload> {
  if (w.state !== to && !WORKLOAD_TRANSITIONS[w.state].includes(to)) {
    return err(
      DomainError.conflict(
        `workload ${w.name} cannot go from ${w.state} to ${to}`,
        'illegal_workload_transition',
      ),
    );
  }
  return ok({
    ...w,
    ...patch,
    state: to,
    error: to === 'failed' ? (patch.error ?? w.error) : (patch.error ?? null),
    updatedAt: now,
  });
}

/** The resource tag that marks a target as created for one workload of one migration. */
export const TARGET_TAG = 'cockpit-migration';
export const targetTagValue = (migrationId: string, workloadName: string): string =>
  `${migrationId}/${workloadName}`.slice(0, 256);

/** A cloud resource name from a workload name: lower-case letters, digits and dashes, ≤ 63 characters. */
export function targetName(workloadName: string, wave: number): string {
  const slug = workloadName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `mig-w${wave}-${slug || 'workload'}`.slice(0, 63).replace(/-+$/, '');
}
