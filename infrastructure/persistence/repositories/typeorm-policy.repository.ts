import { type ActivePolicy, type Policy, type PolicyVersion } from '../../../domain/governance/policy.entity';
import {
  type NewPolicyVersion,
  PolicyRepository,
} from '../../../domain/governance/ports/policy-repository.port';
import { type TenantId } from '../../../domain/shared/tenant-id';
import { type Database, returning } from '../database';
import {
  type PolicyRow,
  type PolicyVersionRow,
  toPolicy,
  toPolicyVersion,
} from '../mappers/governance.mapper';

const POLICY = 'tenant_id, id, project_id, name, latest_version, created_at, updated_at';
const VERSION =
  'tenant_id, id, policy_id, version, format, cedar, rules, default_decision, description, created_at, created_by';

export class TypeormPolicyRepository extends PolicyRepository {
  constructor(private readonly db: Database) {
    super();
  }

  async addVersion(
    tenantId: TenantId,
    projectId: string,
    name: string,
    v: NewPolicyVersion,
  ): Promise<{ policy: Policy; version: PolicyVersion }> {
    return this.db.run({ tenantId }, async (m) => {
      // one statement claims the next version number, so concurrent saves never collide
      const [policy] = await returning<PolicyRow>(
        m,
        `INSERT INTO policies AS p (tenant_id, project_id, name, latest_version, created_at, updated_at)
         VALUES ($1, $2, $3, 1, $4, $4)
         ON CONFLICT (tenant_id, project_id, lower(name))
           DO UPDATE SET latest_version = p.latest_version + 1, updated_at = EXCLUDED.updated_at
         RETURNING ${POLICY}`,
        [tenantId, projectId, name, v.at],
      );
      const row = policy as PolicyRow;
      const [version] = await returning<PolicyVersionRow>(
        m,
        `INSERT INTO policy_versions (tenant_id, policy_id, version, format, cedar, rules, default_decision, description, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10::jsonb)
         RETURNING ${VERSION}`,
        [
          tenantId,
          row.id,
          row.latest_version,
          v.format,
          v.cedar,
          v.rules === null || v.rules === undefined ? null : JSON.stringify(v.rules),
          v.defaultDecision,
          v.description,
          v.at,
          JSON.stringify(v.createdBy),
        ],
      );
      return { policy: toPolicy(row), version: toPolicyVersion(version as PolicyVersionRow) };
    });
  }

  async findPolicy(tenantId: TenantId, policyId: string): Promise<Policy | null> {
    const rows: PolicyRow[] = await this.db.run({ tenantId }, (m) =>
      m.query(`SELECT ${POLICY} FROM policies WHERE tenant_id = $1 AND id = $2`, [tenantId, policyId]),
    );
    return rows[0] ? toPolicy(rows[0]) : null;
  }

  async list(tenantId: TenantId, projectId?: string): Promise<readonly Policy[]> {
    const rows: PolicyRow[] = await this.db.run({ tenantId }, (m) =>
      m.query(
        `SELECT ${POLICY} FROM policies WHERE tenant_id = $1 AND ($2::uuid IS NULL OR project_id = $2::uuid)
          ORDER BY created_at, id`,
        [tenantId, projectId ?? null],
      ),
    );
    return rows.map(toPolicy);
  }

  async versions(tenantId: TenantId, policyId: string): Promise<readonly PolicyVersion[]> {
    const rows: PolicyVersionRow[] = await this.db.run({ tenantId }, (m) =>
      m.query(
        `SELECT ${VERSION} FROM policy_versions WHERE tenant_id = $1 AND policy_id = $2 ORDER BY version`,
        [tenantId, policyId],
      ),
    );
    return rows.map(toPolicyVersion);
  }

  async findVersion(tenantId: TenantId, policyId: string, version: number): Promise<PolicyVersion | null> {
    const rows: PolicyVersionRow[] = await this.db.run({ tenantId }, (m) =>
      m.query(
        `SELECT ${VERSION} FROM policy_versions WHERE tenant_id = $1 AND policy_id = $2 AND version = $3`,
        [tenantId, policyId, version],
      ),
    );
    return rows[0] ? toPolicyVersion(rows[0]) : null;
  }

  async activate(
    tenantId: TenantId,
    projectId: string,
    versionId: string,
    by: PolicyVersion['createdBy'],
    at: Date,
  ): Promise<void> {
    await this.db.run({ tenantId }, (m) =>
      m.query(
        `INSERT INTO project_policies (tenant_id, project_id, policy_version_id, activated_at, activated_by)
         VALUES ($1, $2, $3, $4, $5::jsonb)
         ON CONFLICT (tenant_id, project_id) DO UPDATE
           SET policy_version_id = EXCLUDED.policy_version_id, activated_at = EXCLUDED.activated_at,
               activated_by = EXCLUDED.activated_by`,
        [tenantId, projectId, versionId, at, JSON.stringify(by)],
      ),
    );
  }

  async active(tenantId: TenantId, projectId: string): Promise<ActivePolicy | null> {
    const rows: (PolicyVersionRow & { p: PolicyRow; activated_at: Date | string })[] = await this.db.run(
      { tenantId },
      (m) =>
        m.query(
          `SELECT ${VERSION.split(', ')
            .map((c) => `v.${c}`)
            .join(', ')}, row_to_json(p) AS p, pp.activated_at
             FROM project_policies pp
             JOIN policy_versions v ON v.tenant_id = pp.tenant_id AND v.id = pp.policy_version_id
             JOIN policies p ON p.tenant_id = v.tenant_id AND p.id = v.policy_id
            WHERE pp.tenant_id = $1 AND pp.project_id = $2`,
          [tenantId, projectId],
        ),
    );
    const row = rows[0];
    if (!row) return null;
    const p = typeof row.p === 'string' ? (JSON.parse(row.p) as PolicyRow) : row.p;
    return {
      policy: toPolicy(p),
      version: toPolicyVersion(row),
      activatedAt: row.activated_at instanceof Date ? row.activated_at : new Date(row.activated_at),
    };
  }

  async findVersionById(tenantId: TenantId, versionId: string): Promise<PolicyVersion | null> {
    const rows: PolicyVersionRow[] = await this.db.run({ tenantId }, (m) =>
      m.query(`SELECT ${VERSION} FROM policy_versions WHERE tenant_id = $1 AND id = $2`, [
        tenantId,
        versionId,
      ]),
    );
    return rows[0] ? toPolicyVersion(rows[0]) : null;
  }

  async activeVersionNumbers(tenantId: TenantId): Promise<ReadonlyMap<string, number>> {
    const rows: { policy_id: string; version: number }[] = await this.db.run({ tenantId }, (m) =>
      m.query(
        `SELECT v.policy_id, v.version FROM project_policies pp
           JOIN policy_versions v ON v.tenant_id = pp.tenant_id AND v.id = pp.policy_version_id
          WHERE pp.tenant_id = $1`,
        [tenantId],
      ),
    );
    return new Map(rows.map((r) => [r.policy_id, Number(r.version)]));
  }
}
