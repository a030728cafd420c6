import { type AuditLog } from '../../domain/audit/ports/audit-log.port';
import { type Approval, type Verdict, decide } from '../../domain/governance/approval.entity';
import { type ApprovalRepository } from '../../domain/governance/ports/approval-repository.port';
import { type PolicyRepository } from '../../domain/governance/ports/policy-repository.port';
import { type RunRepository } from '../../domain/runs/ports/run-repository.port';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { type StepWriter } from '../runs/step-writer';
import { type Actor } from '../shared/actor';
import { authorizeTenant, canSeeProject } from '../shared/authorize';
import { type ApprovalNotifications, describeApproval } from './approval-notifications';
import { type ApprovalView, toApprovalView } from './approval.view';
import { type DecisionTokenIssuer } from './decision-token-issuer';
import { governanceActor } from './governance-actor';

/**
 * Approves or denies a pending request (Approver or Admin, never the requester). Approving issues
 * the decision token for exactly the requested call. The decision is final, audited, recorded as an
 * `approval` step of the run, and announced live and through the webhook.
 */
export class DecideApprovalUseCase {
  constructor(
    private readonly approvals: ApprovalRepository,
    private readonly runs: RunRepository,
    private readonly policies: PolicyRepository,
    private readonly tokens: DecisionTokenIssuer,
    private readonly steps: StepWriter,
    private readonly notifications: ApprovalNotifications,
    private readonly audit: AuditLog,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(
    actor: Actor,
    id: string,
    verdict: Verdict,
    reason: string | null,
  ): Promise<Result<ApprovalView>> {
    const approver = authorizeTenant(actor, 'approver');
    if (!approver.ok) return approver;
    const tenantId = approver.value.tenantId;
    const decider = governanceActor(approver.value);
    const now = this.clock.now();
    let token: string | null = null;
    const decided = await this.uow.inTenant(tenantId, async (): Promise<Result<Approval>> => {
      const pending = await this.approvals.findById(tenantId, id);
      if (!pending || !canSeeProject(approver.value, pending.projectId))
        return err(DomainError.notFound('approval', id));
      const next = decide(pending, verdict, decider, reason, now);
      if (!next.ok) return next;
      let approval = next.value;
      if (verdict === 'approved') {
        const version = approval.policyVersionId
          ? await this.policies.findVersionById(tenantId, approval.policyVersionId)
          : null;
        const issued = await this.tokens.issue(
          tenantId,
          {
            projectId: approval.projectId,
            runId: approval.runId,
            stepId: approval.stepId,
            approvalId: approval.id,
            payloadHash: approval.payloadHash,
            decision: 'approved',
            policyVersion: version?.version ?? null,
            policyVersionId: approval.policyVersionId,
            issuedTo: approval.requestedBy,
            issuedBy: decider,
          },
          now,
        );
        token = issued.token;
        approval = { ...approval, decisionTokenId: issued.claims.id };
      }
      if (!(await this.approvals.saveDecision(approval))) {
        return err(DomainError.conflict(`approval ${id} was decided concurrently`, 'approval_decided'));
      }
      await this.audit.append(tenantId, {
        action: `approval.${verdict}`,
        actor: decider,
        target: { type: 'approval', id },
        data: {
          run_id: approval.runId,
          step_id: approval.stepId,
          tool: approval.tool,
          payload_hash: approval.payloadHash,
          reason: approval.reason,
          token_id: approval.decisionTokenId,
        },
        at: now,
      });
      await recordApprovalStep(this.runs, this.steps, approval, now);
      await this.notifications.queueWebhook(
        tenantId,
        'approval.decided',
        approval,
        `Approval ${verdict}: ${describeApproval(approval)}${approval.reason ? ` (${approval.reason})` : ''}`,
        now,
      );
      return ok(approval);
    });
    if (!decided.ok) return decided;
    await this.notifications.publish('approval.decided', decided.value, now);
    return ok(toApprovalView(decided.value, token));
  }
}

/** The `approval` step of the run's timeline (skipped when the run is gone). */
export async function recordApprovalStep(
  runs: RunRepository,
  steps: StepWriter,
  approval: Approval,
  now: Date,
): Promise<void> {
  const run = await runs.findById(approval.tenantId, approval.runId);
  if (!run) return;
  const written = await steps.write(
    approval.tenantId,
    run.id,
    [
      {
        id: `${approval.stepId}:approval`,
        kind: 'approval',
        name: `approval: ${approval.tool} → ${approval.status}`,
        tool: approval.tool,
        started_at: approval.createdAt.toISOString(),
        ended_at: now.toISOString(),
        input: {
          approval_id: approval.id,
          summary: approval.summary,
          risk: approval.risk,
          payload_hash: approval.payloadHash,
        },
        output: {
          status: approval.status,
          reason: approval.reason,
          decided_by: approval.decidedBy,
          jti: approval.decisionTokenId, // the token id ("token_*" keys are redacted as secrets)
        },
        metadata: { approval_id: approval.id, gate_step_id: approval.stepId },
      },
    ],
    async () => ok(run),
  );
  if (!written.ok) throw new Error(`could not record the approval step: ${written.error.message}`);
}
