import { type TenantId } from '../../shared/tenant-id';
import { type AuditEntry, type AuditRecord } from '../audit-entry';

export abstract class AuditLog {
  /** Appends to the tenant's chain; joins the caller's unit of work so the entry commits with the change. */
  abstract append(tenantId: TenantId, record: AuditRecord): Promise<AuditEntry>;
  /** Entries in `seq` order, starting after `afterSeq`. */
  abstract list(
    tenantId: TenantId,
    options: { afterSeq: number; limit: number },
  ): Promise<readonly AuditEntry[]>;
  /** Newest first, before `beforeSeq`, filtered (an action ending in `.` or `*` matches a prefix). */
  abstract search(tenantId: TenantId, query: AuditQuery): Promise<readonly AuditEntry[]>;
}

export interface AuditQuery {
  readonly action?: string;
  readonly targetType?: string;
  readonly targetId?: string;
  readonly from?: Date;
  readonly to?: Date;
  readonly beforeSeq?: number;
  readonly limit: number;
}
