import { type KeysetPosition } from '../../shared/page';
import { type TenantId } from '../../shared/tenant-id';
import { type Run } from '../run.entity';
import { type RunStatus } from '../step-kind';

/** Filters of the runs list; only whitelisted metadata fields (env, release, agent_version) are searchable. */
export interface RunQuery {
  readonly projectId?: string;
  readonly from?: Date;
  readonly to?: Date;
  readonly status?: RunStatus;
  readonly model?: string;
  readonly tool?: string;
  /** Every tag must be present. */
  readonly tags?: readonly string[];
  readonly env?: string;
  readonly release?: string;
  readonly agentVersion?: string;
  /** Newest first: the page continues strictly before this (started_at, id). */
  readonly before?: KeysetPosition;
  readonly limit: number;
}

export abstract class RunRepository {
  /** False when a run with this id already exists in the tenant (nothing is written). */
  abstract create(run: Run): Promise<boolean>;
  abstract findById(tenantId: TenantId, runId: string): Promise<Run | null>;
  /** Stores a finish; false when the run was no longer running (a concurrent finish won). */
  abstract saveFinish(run: Run): Promise<boolean>;
  abstract saveName(run: Run): Promise<void>;
  abstract list(tenantId: TenantId, query: RunQuery): Promise<readonly Run[]>;
}
