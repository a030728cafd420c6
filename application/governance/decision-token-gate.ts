import { type AuditLog } from '../../domain/audit/ports/audit-log.port';
import {
  type DecisionClaims,
  REJECTION_MESSAGES,
  type TokenRejection,
  checkBinding,
} from '../../domain/governance/decision-token';
import {
  type DecisionTokenLedger,
  type DecisionTokenSigner,
} from '../../domain/governance/ports/decision-tokens.port';
import { toolCallText } from '../../domain/governance/tool-call';
import { type Digest } from '../../domain/shared/ports/digest.port';
import { type TenantId } from '../../domain/shared/tenant-id';

export type TokenCheck =
  | { readonly ok: true; readonly claims: DecisionClaims }
  | { readonly ok: false; readonly reason: TokenRejection; readonly claims: DecisionClaims | null };

export interface TokenRejectionRecord {
  readonly stepId: string;
  readonly tool: string | null;
  readonly reason: TokenRejection;
  readonly tokenId: string | null;
}

/**
 * Binds approved to executed: a tool step that carries a decision token is stored only when the
 * token verifies (signature, key, expiry) for this tenant, this run and exactly this call (the
 * hash of the executed tool + input equals the token's), and it has not been spent. Every
 * rejected attempt becomes a `policy` step of the run and an audit entry.
 */
export class DecisionTokenGate {
  constructor(
    private readonly signer: DecisionTokenSigner,
    private readonly ledger: DecisionTokenLedger,
    private readonly audit: AuditLog,
    private readonly digest: Digest,
  ) {}

  /** Signature and binding, before the transaction (no state changes). */
  async check(
    tenantId: TenantId,
    runId: string,
    step: { readonly tool: string; readonly input: unknown; readonly token: string },
    now: Date,
  ): Promise<TokenCheck> {
    const verified = await this.signer.verify(step.token, now);
    if (!verified.ok) return { ok: false, reason: verified.reason, claims: null };
    const rejection = checkBinding(
      verified.claims,
      { tenantId, runId, payloadHash: this.digest.sha256(toolCallText(step.tool, step.input ?? null)) },
      now,
    );
    return rejection
      ? { ok: false, reason: rejection, claims: verified.claims }
      : { ok: true, claims: verified.claims };
  }

  /** Spends the token inside the step's transaction; a replay (or a token never issued here) is refused. */
  async spend(
    tenantId: TenantId,
    runId: string,
    stepId: string,
    claims: DecisionClaims,
    now: Date,
  ): Promise<TokenRejection | null> {
    const spent = await this.ledger.consume(tenantId, claims.id, { runId, stepId }, now);
    if (spent === 'replayed' || spent === 'unknown_token') return spent;
    if (spent === 'consumed') {
      await this.audit.append(tenantId, {
        action: 'decision_token.consumed',
        actor: { kind: 'system', id: 'decision-token-gate' },
        target: { type: 'decision_token', id: claims.id },
        data: {
          run_id: runId,
          step_id: stepId,
          approval_id: claims.approvalId,
          break_glass: claims.breakGlass,
        },
        at: now,
      });
    }
    return null;
  }

  /** The audit entry and the `policy` step (raw, to be written with the batch) of a refused attempt. */
  async recordRejection(
    tenantId: TenantId,
    runId: string,
    rejection: TokenRejectionRecord,
    now: Date,
  ): Promise<Record<string, unknown>> {
    await this.audit.append(tenantId, {
      action: 'decision_token.rejected',
      actor: { kind: 'system', id: 'decision-token-gate' },
      target: { type: 'decision_token', id: rejection.tokenId },
      data: { run_id: runId, step_id: rejection.stepId, tool: rejection.tool, reason: rejection.reason },
      at: now,
    });
    return {
      id: `${rejection.stepId}:token-rejected`,
      kind: 'policy',
      name: `decision token rejected: ${rejection.reason}`,
      tool: rejection.tool ?? undefined,
      started_at: now.toISOString(),
      ended_at: now.toISOString(),
      output: {
        decision: 'block',
        reason: rejection.reason,
        message: REJECTION_MESSAGES[rejection.reason],
        jti: rejection.tokenId,
        refused_step_id: rejection.stepId,
      },
      metadata: { decision_token_rejected: true },
    };
  }
}

export const tokenRejectedError = (reason: TokenRejection) => ({
  code: 'decision_token_rejected',
  message: `${REJECTION_MESSAGES[reason]} (${reason})`,
  reason,
});
