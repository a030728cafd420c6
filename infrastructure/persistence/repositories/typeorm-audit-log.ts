import { type AuditEntry, type AuditRecord, chain } from '../../../domain/audit/audit-entry';
import { AuditLog, type AuditQuery } from '../../../domain/audit/ports/audit-log.port';
import { asTenantId, type TenantId } from '../../../domain/shared/tenant-id';
import { type Database } from '../database';

interface AuditRow {
  tenant_id: string;
  seq: string | number;
  at: Date;
  action: string;
  actor: AuditEntry['actor'];
  target: AuditEntry['target'];
  data: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

const toEntry = (row: AuditRow): AuditEntry => ({
  tenantId: asTenantId(row.tenant_id),
  seq: Number(row.seq),
  at: row.at,
  action: row.action,
  actor: row.actor,
  target: row.target,
  data: row.data,
  prevHash: row.prev_hash,
  hash: row.hash,
});

/**
 * Appends under a per-tenant transaction lock, so concurrent appends of one tenant form one chain
 * (the primary key on (tenant_id, seq) would refuse a fork anyway).
 */
export class TypeormAuditLog extends AuditLog {
  constructor(
    private readonly db: Database,
    private readonly sha256: (text: string) => string,
  ) {
    super();
  }

  async append(tenantId: TenantId, record: AuditRecord): Promise<AuditEntry> {
    return this.db.run({ tenantId }, async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('cockpit:audit:' || $1, 0))`, [tenantId]);
      const last: { seq: string | number; hash: string }[] = await m.query(
        'SELECT seq, hash FROM audit_log WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1',
        [tenantId],
      );
      const previous = last[0] ? { seq: Number(last[0].seq), hash: last[0].hash } : null;
      const entry = chain(tenantId, record, previous, this.sha256);
      await m.query(
        `INSERT INTO audit_log (tenant_id, seq, at, action, actor, target, data, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          tenantId,
          entry.seq,
          entry.at,
          entry.action,
          entry.actor,
          entry.target,
          entry.data,
          entry.prevHash,
          entry.hash,
        ],
      );
      return entry;
    });
  }

  async list(
    tenantId: TenantId,
    options: { afterSeq: number; limit: number },
  ): Promise<readonly AuditEntry[]> {
    const rows: AuditRow[] = await this.db.run({ tenantId }, (m) =>
      m.query('SELECT * FROM audit_log WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [
        tenantId,
        options.afterSeq,
        options.limit,
      ]),
    );
    return rows.map(toEntry);
  }

  async search(tenantId: TenantId, query: AuditQuery): Promise<readonly AuditEntry[]> {
    const where = ['tenant_id = $1'];
    const params: unknown[] = [tenantId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.action) {
      const prefix = query.action.endsWith('*') || query.action.endsWith('.');
      if (prefix) add(`starts_with(action, ?)`, query.action.replace(/\*$/, ''));
      else add('action = ?', query.action);
    }
    if (query.targetType) add(`target ->> 'type' = ?`, query.targetType);
    if (query.targetId) add(`target ->> 'id' = ?`, query.targetId);
    if (query.from) add('at >= ?', query.from);
    if (query.to) add('at < ?', query.to);
    if (query.beforeSeq !== undefined) add('seq < ?', query.beforeSeq);
    params.push(query.limit);
    const rows: AuditRow[] = await this.db.run({ tenantId }, (m) =>
      m.query(
        `SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT $${params.length}`,
        params,
      ),
    );
    return rows.map(toEntry);
  }
}
