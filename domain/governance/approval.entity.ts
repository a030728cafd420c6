import { DomainError } from '../shared/domain-error';
import { type RedactionMark } from '../shared/redaction/redaction-mark';
import { type Result, err, ok } from '../shared/result';
import { type TenantId } from '../shared/tenant-id';
import { type GovernanceActor } from './policy.entity';
import { type RiskLevel } from './ports/policy-engine.port';

export const APPROVAL_STATUSES = ['pending', 'approved', 'denied', 'expired'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** A request for a human to allow one exact tool call (bound by `payloadHash`). */
export interface Approval {
  readonly tenantId: TenantId;
  readonly id: string;
  readonly projectId: string;
  readonly runId: string;
  readonly stepId: string;
  readonly tool: string;
  /** `{tool, arguments}`, redacted. */
  readonly payload: unknown;
  readonly redactions: readonly RedactionMark[];
  readonly payloadHash: string;
  readonly risk: RiskLevel;
  readonly summary: string;
  readonly status: ApprovalStatus;
  readonly requestedBy: GovernanceActor;
  readonly policyVersionId: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly decidedAt: Date | null;
  readonly decidedBy: GovernanceActor | null;
  readonly reason: string | null;
  readonly decisionTokenId: string | null;
}

/** A pending request past its expiry is expired, whether or not the sweeper has stored it yet. */
export function currentStatus(approval: Approval, now: Date): ApprovalStatus {
  return approval.status === 'pending' && approval.expiresAt.getTime() <= now.getTime()
    ? 'expired'
    : approval.status;
}

export function withCurrentStatus(approval: Approval, now: Date): Approval {
  const status = currentStatus(approval, now);
  return status === approval.status ? approval : { ...approval, status };
}

export type Verdict = 'approved' | 'denied';

/**
 * Decides a pending request. Decided requests never change; nobody decides their own request; a
 * denial needs a reason.
 */
export function decide(
  approval: Approval,
  verdict: Verdict,
  decider: GovernanceActor,
  reason: string | null,
  now: Date,
): Result<Approval> {
  const status = currentStatus(approval, now);
  if (status === 'expired') {
    return err(
      DomainError.conflict(
        `approval ${approval.id} expired at ${approval.expiresAt.toISOString()}`,
        'approval_expired',
      ),
    );
  }
  if (status !== 'pending') {
    return err(DomainError.conflict(`approval ${approval.id} is already ${status}`, 'approval_decided'));
  }
  if (
    decider.kind === approval.requestedBy.kind &&
    decider.id !== null &&
    decider.id === approval.requestedBy.id
  ) {
    return err(DomainError.forbidden('a requester cannot decide their own request', 'self_approval'));
  }
  if (verdict === 'denied' && !reason?.trim()) {
    return err(DomainError.validation('a denial needs a reason', [{ path: 'reason', message: 'required' }]));
  }
  return ok({
    ...approval,
    status: verdict,
    decidedAt: now,
    decidedBy: decider,
    reason: reason?.trim() || null,
  });
}
