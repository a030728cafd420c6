import { type KeysetPosition } from '../../shared/page';
import { type TenantId } from '../../shared/tenant-id';
import { type Approval, type ApprovalStatus } from '../approval.entity';
import { type RiskLevel } from './policy-engine.port';

export interface ApprovalQuery {
  readonly status?: ApprovalStatus;
  readonly projectId?: string;
  readonly risk?: RiskLevel;
  readonly runId?: string;
  readonly before?: KeysetPosition;
  readonly limit: number;
  readonly now: Date;
}

export abstract class ApprovalRepository {
  abstract create(approval: Approval): Promise<void>;
  abstract findById(tenantId: TenantId, id: string): Promise<Approval | null>;
  /** Stores a decision; false when the request was no longer pending (a concurrent decision won). */
  abstract saveDecision(approval: Approval): Promise<boolean>;
  /** Newest first; `status` filters on the current status (a pending request past expiry is expired). */
  abstract list(tenantId: TenantId, query: ApprovalQuery): Promise<readonly Approval[]>;
  /** Marks the tenant's pending requests past expiry as expired and returns them. */
  abstract expireDue(tenantId: TenantId, now: Date): Promise<readonly Approval[]>;
}
