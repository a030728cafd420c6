import { FindingRepository, type StoredFinding } from '../../../domain/cloud/ports/finding-repository.port';
import { type Finding, type Severity } from '../../../domain/cloud/threats/finding';
import { type TenantId } from '../../../domain/shared/tenant-id';
import { type Database, returning } from '../database';

interface FindingRow {
  id: string;
  provider_id: string;
  resource_id: string;
  rule_id: string;
  severity: Severity;
  title: string;
  evidence: Record<string, unknown>;
  remediation: string;
  first_seen_at: Date | string;
  last_seen_at: Date | string;
}

const toFinding = (r: FindingRow): StoredFinding => ({
  id: r.id,
  providerId: r.provider_id,
  resourceId: r.resource_id,
  ruleId: r.rule_id,
  severity: r.severity,
  title: r.title,
  evidence: r.evidence,
  remediation: r.remediation,
  firstSeenAt: new Date(r.first_seen_at),
  lastSeenAt: new Date(r.last_seen_at),
});

export class TypeormFindingRepository extends FindingRepository {
  constructor(private readonly db: Database) {
    super();
  }

  async replace(
    tenantId: TenantId,
    findings: readonly Finding[],
    now: Date,
    newId: () => string,
  ): Promise<{ opened: number; resolved: number; open: number }> {
    // one rule may report one resource more than once (SSH and RDP open): title tells them apart
    const unique = new Map(findings.map((f) => [`${f.resourceId}|${f.ruleId}|${f.title}`, f]));
    const rows = [...unique.values()].map((f) => ({
      id: newId(),
      provider_id: f.providerId,
      resource_id: f.resourceId,
      rule_id: f.ruleId,
      severity: f.severity,
      title: f.title,
      evidence: f.evidence,
      remediation: f.remediation,
    }));
    return this.db.run({ tenantId }, async (m) => {
      const upserted = await returning<{ inserted: boolean }>(
        m,
        `INSERT INTO cloud_findings AS f (tenant_id, id, provider_id, resource_id, rule_id, severity, title, evidence,
                                         remediation, first_seen_at, last_seen_at)
         SELECT $1, x.id, x.provider_id, x.resource_id, x.rule_id, x.severity, x.title, x.evidence, x.remediation, $2, $2
           FROM jsonb_to_recordset($3::jsonb) AS x(id uuid, provider_id uuid, resource_id uuid, rule_id text,
                severity text, title text, evidence jsonb, remediation text)
         ON CONFLICT (tenant_id, resource_id, rule_id, title) DO UPDATE SET
           severity = EXCLUDED.severity, evidence = EXCLUDED.evidence,
           remediation = EXCLUDED.remediation, last_seen_at = EXCLUDED.last_seen_at
         RETURNING (xmax = 0) AS inserted`,
        [tenantId, now, JSON.stringify(rows)],
      );
      const resolved = await returning<{ id: string }>(
        m,
        'DELETE FROM cloud_findings WHERE tenant_id = $1 AND last_seen_at < $2 RETURNING id',
        [tenantId, now],
      );
      return {
        opened: upserted.filter((r) => r.inserted).length,
        resolved: resolved.length,
        open: rows.length,
      };
    });
  }

  async list(
    tenantId: TenantId,
    filter: { severities?: readonly Severity[]; providerId?: string; ruleId?: string },
  ): Promise<readonly StoredFinding[]> {
    const where = ['tenant_id = $1'];
    const params: unknown[] = [tenantId];
    if (filter.severities) {
      params.push(filter.severities);
      where.push(`severity = ANY($${params.length}::text[])`);
    }
    if (filter.providerId) {
      params.push(filter.providerId);
      where.push(`provider_id = $${params.length}`);
    }
    if (filter.ruleId) {
      params.push(filter.ruleId);
      where.push(`rule_id = $${params.length}`);
    }
    const rows: FindingRow[] = await this.db.run({ tenantId }, (m) =>
      m.query(
        `SELECT * FROM cloud_findings WHERE ${where.join(' AND ')}
          ORDER BY array_position(ARRAY['critical','high','medium','low'], severity), rule_id, resource_id`,
        params,
      ),
    );
    return rows.map(toFinding);
  }
}
