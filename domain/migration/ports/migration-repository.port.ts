import { type KeysetPosition } from '../../shared/page';
import { type TenantId } from '../../shared/tenant-id';
import {
  type Migration,
  type MigrationStage,
  type MigrationWorkload,
  type WorkloadState,
} from '../migration.entity';

export interface MigrationQuery {
  readonly wave?: number;
  readonly stages?: readonly MigrationStage[];
  readonly after?: KeysetPosition | null;
  readonly limit: number;
}

/** A workload held by a migration that has not been rolled back or cancelled. */
export interface WorkloadClaim {
  readonly workloadId: string;
  readonly migrationId: string;
  readonly wave: number;
  readonly stage: MigrationStage;
  readonly state: WorkloadState;
}

/** Header fields a stage may change; the workload rows are written one by one (they run in parallel). */
export type MigrationPatch = Partial<
  Pick<
    Migration,
    | 'stage'
    | 'failedStage'
    | 'error'
    | 'tco'
    | 'workflowId'
    | 'rollbackWorkflowId'
    | 'retries'
    | 'runId'
    | 'updatedAt'
    | 'finishedAt'
  >
>;

export abstract class MigrationRepository {
  /** The migration with its workload rows. */
  abstract create(migration: Migration): Promise<void>;
  abstract findById(tenantId: TenantId, id: string): Promise<Migration | null>;
  abstract list(tenantId: TenantId, query: MigrationQuery): Promise<readonly Migration[]>;
  abstract update(tenantId: TenantId, id: string, patch: MigrationPatch): Promise<void>;
  abstract saveWorkload(tenantId: TenantId, migrationId: string, workload: MigrationWorkload): Promise<void>;
  abstract claims(tenantId: TenantId): Promise<readonly WorkloadClaim[]>;
}
