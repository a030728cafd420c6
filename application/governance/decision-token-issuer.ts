import { type AuditLog } from '../../domain/audit/ports/audit-log.port';
import { type DecisionClaims } from '../../domain/governance/decision-token';
import { type GovernanceActor } from '../../domain/governance/policy.entity';
import {
  type DecisionTokenLedger,
  type DecisionTokenSigner,
} from '../../domain/governance/ports/decision-tokens.port';
import { type IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { type TenantId } from '../../domain/shared/tenant-id';

export interface TokenGrant {
  readonly projectId: string;
  readonly runId: string;
  readonly stepId: string | null;
  readonly approvalId: string | null;
  readonly payloadHash: string;
  readonly decision: DecisionClaims['decision'];
  readonly policyVersion: number | null;
  readonly policyVersionId: string | null;
  readonly issuedTo: GovernanceActor;
  readonly issuedBy: GovernanceActor;
}

/**
 * Issues a decision token: signs the claims, records the token in the ledger (so it can be spent
 * once) and in the audit log. Joins the caller's unit of work.
 */
export class DecisionTokenIssuer {
  constructor(
    private readonly signer: DecisionTokenSigner,
    private readonly ledger: DecisionTokenLedger,
    private readonly audit: AuditLog,
    private readonly ids: IdGenerator,
    private readonly settings: { readonly ttlSeconds: number },
  ) {}

  async issue(
    tenantId: TenantId,
    grant: TokenGrant,
    now: Date,
  ): Promise<{ token: string; claims: DecisionClaims }> {
    const claims: DecisionClaims = {
      id: this.ids.next(),
      tenantId,
      projectId: grant.projectId,
      runId: grant.runId,
      stepId: grant.stepId,
      approvalId: grant.approvalId,
      payloadHash: grant.payloadHash,
      decision: grant.decision,
      policyVersion: grant.policyVersion,
      policyVersionId: grant.policyVersionId,
      breakGlass: grant.decision === 'break_glass',
      issuedAt: now,
      expiresAt: new Date(now.getTime() + this.settings.ttlSeconds * 1000),
    };
    const { token, kid } = await this.signer.sign(claims);
    await this.ledger.record(claims, token, kid, grant.issuedTo);
    await this.audit.append(tenantId, {
      action: 'decision_token.issued',
      actor: grant.issuedBy,
      target: { type: 'decision_token', id: claims.id },
      data: {
        kid,
        run_id: claims.runId,
        step_id: claims.stepId,
        approval_id: claims.approvalId,
        payload_hash: claims.payloadHash,
        decision: claims.decision,
        break_glass: claims.breakGlass,
        policy_version_id: claims.policyVersionId,
        expires_at: claims.expiresAt.toISOString(),
      },
      at: now,
    });
    return { token, claims };
  }
}
