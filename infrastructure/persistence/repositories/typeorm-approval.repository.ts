import { type Approval } from '../../../domain/governance/approval.entity';
import {
  ApprovalRepository,
  type ApprovalQuery,
} from '../../../domain/governance/ports/approval-repository.port';
import { type TenantId } from '../../../domain/shared/tenant-id';
import { type Database, execute, returning } from '../database';
import { type ApprovalRow, toApproval } from '../mappers/governance.mapper';

export class TypeormApprovalRepository extends ApprovalRepository {
  constructor(private readonly db: Database) {
    super();
  }

  async create(a: Approval): Promise<void> {
    await this.db.run({ tenantId: a.tenantId }, (m) =>
      m.query(
        `INSERT INTO approvals (tenant_id, id, project_id, run_id, step_id, tool, payload, redactions, payload_hash,
                                risk, summary, status, requested_by, policy_version_id, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11, $12, $13::jsonb, $14, $15, $16)`,
        [
          a.tenantId,
          a.id,
          a.projectId,
          a.runId,
          a.stepId,
          a.tool,
          JSON.stringify(a.payload ?? null),
          JSON.stringify(a.redactions),
          a.payloadHash,
          a.risk,
          a.summary,
          a.status,
          JSON.stringify(a.requestedBy),
          a.policyVersionId,
          a.createdAt,
          a.expiresAt,
        ],
      ),
    );
  }

  async findById(tenantId: TenantId, id: string): Promise<Approval | null> {
    const rows: ApprovalRow[] = await this.db.run({ tenantId }, (m) =>
      m.query('SELECT * FROM approvals WHERE tenant_id = $1 AND id = $2', [tenantId, id]),
    );
    return rows[0] ? toApproval(rows[0]) : null;
  }

  async saveDecision(a: Approval): Promise<boolean> {
    return this.db.run({ tenantId: a.tenantId }, async (m) => {
      const updated = await execute(
        m,
        `UPDATE approvals SET status = $3, decided_at = $4, decided_by = $5::jsonb, reason = $6, decision_token_id = $7
          WHERE tenant_id = $1 AND id = $2 AND status = 'pending' AND expires_at > $4`,
        [a.tenantId, a.id, a.status, a.decidedAt, JSON.stringify(a.decidedBy), a.reason, a.decisionTokenId],
      );
      return updated === 1;
    });
  }

  async list(tenantId: TenantId, q: ApprovalQuery): Promise<readonly Approval[]> {
    const where = ['tenant_id = $1'];
    const params: unknown[] = [tenantId];
    const add = (sql: string, ...values: unknown[]) => {
      let text = sql;
      for (const value of values) {
        params.push(value);
        text = text.replace('?', `$${params.length}`);
      }
      where.push(text);
    };
    // the status a reader sees: a pending request past its expiry is expired
    if (q.status === 'pending') add(`status = 'pending' AND expires_at > ?`, q.now);
    else if (q.status === 'expired')
      add(`(status = 'expired' OR (status = 'pending' AND expires_at <= ?))`, q.now);
    else if (q.status) add('status = ?', q.status);
    if (q.projectId) add('project_id = ?', q.projectId);
    if (q.risk) add('risk = ?', q.risk);
    if (q.runId) add('run_id = ?', q.runId);
    if (q.before) add('(created_at, id) < (?, ?)', q.before.at, q.before.id);
    params.push(q.limit);
    const rows: ApprovalRow[] = await this.db.run({ tenantId }, (m) =>
      m.query(
        `SELECT * FROM approvals WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
        params,
      ),
    );
    return rows.map(toApproval);
  }

  async expireDue(tenantId: TenantId, now: Date): Promise<readonly Approval[]> {
    return this.db.run({ tenantId }, async (m) => {
      const rows = await returning<ApprovalRow>(
        m,
        `UPDATE approvals SET status = 'expired'
          WHERE tenant_id = $1 AND status = 'pending' AND expires_at <= $2
          RETURNING *`,
        [tenantId, now],
      );
      return rows.map(toApproval);
    });
  }
}
