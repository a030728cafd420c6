import { type AuditEntry, type AuditRecord, GENESIS_HASH } from '../../../domain/audit/audit-entry';
import { AuditLog, type AuditQuery } from '../../../domain/audit/ports/audit-log.port';
import { type TenantId } from '../../../domain/shared/tenant-id';
import { type Transactional } from './transactional';

/** Keeps entries in memory in append order; joins FakeUnitOfWork's rollback. Hashes are not checked. */
export class FakeAuditLog extends AuditLog implements Transactional {
  entries: AuditEntry[] = [];

  async append(tenantId: TenantId, record: AuditRecord): Promise<AuditEntry> {
    const seq = this.entries.filter((e) => e.tenantId === tenantId).length + 1;
    const entry: AuditEntry = { ...record, tenantId, seq, prevHash: GENESIS_HASH, hash: `fake-${seq}` };
    this.entries.push(entry);
    return entry;
  }

  async list(
    tenantId: TenantId,
    options: { afterSeq: number; limit: number },
  ): Promise<readonly AuditEntry[]> {
    return this.entries
      .filter((e) => e.tenantId === tenantId && e.seq > options.afterSeq)
      .slice(0, options.limit);
  }

  async search(tenantId: TenantId, query: AuditQuery): Promise<readonly AuditEntry[]> {
    return this.entries
      .filter((e) => e.tenantId === tenantId && (!query.action || e.action === query.action))
      .reverse()
      .slice(0, query.limit);
  }

  actions(): string[] {
    return this.entries.map((e) => e.action);
  }

  snapshot(): () => void {
    const copy = [...this.entries];
    return () => {
      this.entries = copy;
    };
  }
}
