import { type KeysetPosition } from '../../shared/page';
import { type TenantId } from '../../shared/tenant-id';
import { type Strategy } from '../strategy';
import {
  type Assessment,
  type Criticality,
  type DataSensitivity,
  type Environment,
  type Workload,
  type WorkloadFacts,
} from '../workload.entity';

export interface WorkloadQuery {
  readonly environment?: Environment;
  readonly criticality?: Criticality;
  readonly dataSensitivity?: DataSensitivity;
  readonly strategy?: Strategy;
  /** Case-insensitive substring of the name. */
  readonly name?: string;
  readonly importBatch?: string;
  readonly assessed?: boolean;
  /** Rows strictly after this (created_at, id) position, newest first. */
  readonly after?: KeysetPosition | null;
  readonly limit: number;
}

export interface UpsertCounts {
  readonly imported: number;
  readonly updated: number;
  readonly unchanged: number;
}

export abstract class WorkloadRepository {
  /**
   * Inserts new workloads and rewrites the facts of existing ones, matched by name without regard
   * to case. A row whose facts change loses its assessment; an identical row is not written.
   */
  abstract upsert(
    tenantId: TenantId,
    rows: readonly WorkloadFacts[],
    batch: { readonly id: string; readonly at: Date },
    newId: () => string,
  ): Promise<UpsertCounts>;
  abstract findById(tenantId: TenantId, id: string): Promise<Workload | null>;
  abstract list(tenantId: TenantId, query: WorkloadQuery): Promise<readonly Workload[]>;
  /** The whole inventory (assessment and wave planning need the full dependency graph). */
  abstract listAll(tenantId: TenantId): Promise<readonly Workload[]>;
  abstract listByIds(tenantId: TenantId, ids: readonly string[]): Promise<readonly Workload[]>;
  abstract saveAssessments(
    tenantId: TenantId,
    items: readonly { readonly id: string; readonly assessment: Assessment }[],
  ): Promise<void>;
}
