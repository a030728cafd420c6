import { type DecisionClaims } from '../../../domain/governance/decision-token';
import { type GovernanceActor } from '../../../domain/governance/policy.entity';
import { type Consumption, DecisionTokenLedger } from '../../../domain/governance/ports/decision-tokens.port';
import { type TenantId } from '../../../domain/shared/tenant-id';
import { type Database, returning } from '../database';

export class TypeormDecisionTokenLedger extends DecisionTokenLedger {
  constructor(private readonly db: Database) {
    super();
  }

  async record(c: DecisionClaims, token: string, kid: string, issuedTo: GovernanceActor): Promise<void> {
    await this.db.run({ tenantId: c.tenantId }, (m) =>
      m.query(
        `INSERT INTO decision_tokens (tenant_id, id, kid, project_id, run_id, step_id, approval_id, payload_hash, decision,
                                      policy_version_id, break_glass, issued_to, issued_at, expires_at, token)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14, $15)`,
        [
          c.tenantId,
          c.id,
          kid,
          c.projectId,
          c.runId,
          c.stepId,
          c.approvalId,
          c.payloadHash,
          c.decision,
          c.policyVersionId,
          c.breakGlass,
          JSON.stringify(issuedTo),
          c.issuedAt,
          c.expiresAt,
          token,
        ],
      ),
    );
  }

  async usable(tenantId: TenantId, tokenId: string, now: Date): Promise<string | null> {
    const rows: { token: string }[] = await this.db.run({ tenantId }, (m) =>
      m.query(
        `SELECT token FROM decision_tokens
          WHERE tenant_id = $1 AND id = $2 AND consumed_at IS NULL AND expires_at > $3`,
        [tenantId, tokenId, now],
      ),
    );
    return rows[0]?.token ?? null;
  }

  async consume(
    tenantId: TenantId,
    tokenId: string,
    step: { readonly runId: string; readonly stepId: string },
    at: Date,
  ): Promise<Consumption> {
    return this.db.run({ tenantId }, async (m) => {
      const spent = await returning<{ id: string }>(
        m,
        `UPDATE decision_tokens SET consumed_at = $3, consumed_step_id = $4
          WHERE tenant_id = $1 AND id = $2 AND consumed_at IS NULL RETURNING id`,
        [tenantId, tokenId, at, step.stepId],
      );
      if (spent.length === 1) return 'consumed';
      const rows: { run_id: string; consumed_step_id: string | null }[] = await m.query(
        'SELECT run_id, consumed_step_id FROM decision_tokens WHERE tenant_id = $1 AND id = $2',
        [tenantId, tokenId],
      );
      const row = rows[0];
      if (!row) return 'unknown_token';
      return row.run_id.toLowerCase() === step.runId.toLowerCase() && row.consumed_step_id === step.stepId
        ? 'already_consumed_by_this_step'
        : 'replayed';
    });
  }
}
