import { type AuditLog } from '../../domain/audit/ports/audit-log.port';
import { type Approval } from '../../domain/governance/approval.entity';
import { type ApprovalRepository } from '../../domain/governance/ports/approval-repository.port';
import { type PolicyRepository } from '../../domain/governance/ports/policy-repository.port';
import { toolCallText } from '../../domain/governance/tool-call';
import { type RunRepository } from '../../domain/runs/ports/run-repository.port';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type Digest } from '../../domain/shared/ports/digest.port';
import { type IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { type UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { type Result, ok } from '../../domain/shared/result';
import { storable, storableText } from '../../domain/shared/storable-text';
import { findVisibleRun } from '../runs/run-access';
import { type TenantRedaction } from '../runs/tenant-redaction';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { type ApprovalNotifications, describeApproval } from './approval-notifications';
import { type ApprovalView, toApprovalView } from './approval.view';
import { governanceActor } from './governance-actor';
import { type CreateApprovalInput } from './governance-input';

/**
 * Asks a human to allow one exact tool call of a run. The call is bound by the SHA-256 of its
 * canonical JSON; the payload itself is stored redacted. Approvers hear about it live and through
 * the tenant's webhook.
 */
export class CreateApprovalUseCase {
  constructor(
    private readonly approvals: ApprovalRepository,
    private readonly runs: RunRepository,
    private readonly policies: PolicyRepository,
    private readonly redaction: TenantRedaction,
    private readonly notifications: ApprovalNotifications,
    private readonly audit: AuditLog,
    private readonly digest: Digest,
    private readonly uow: UnitOfWork,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly settings: { readonly ttlSeconds: number },
  ) {}

  async execute(actor: Actor, input: CreateApprovalInput): Promise<Result<ApprovalView>> {
    const requester = authorizeTenant(actor, 'developer');
    if (!requester.ok) return requester;
    const tenantId = requester.value.tenantId;
    const run = await findVisibleRun(this.runs, requester.value, input.run_id);
    if (!run.ok) return run;

    const now = this.clock.now();
    const args = input.arguments ?? null;
    const redacted = (await this.redaction.forTenant(tenantId)).redact(
      storable({ tool: input.tool, arguments: args }),
      'payload',
    );
    const active = await this.policies.active(tenantId, run.value.projectId);
    const approval: Approval = {
      tenantId,
      id: this.ids.next(),
      projectId: run.value.projectId,
      runId: run.value.id,
      stepId: input.step_id,
      tool: storableText(input.tool),
      payload: redacted.value,
      redactions: redacted.marks,
      payloadHash: this.digest.sha256(toolCallText(input.tool, args)),
      risk: input.risk,
      summary: storableText(input.summary),
      status: 'pending',
      requestedBy: governanceActor(requester.value),
      policyVersionId: active?.version.id ?? null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + (input.ttl_seconds ?? this.settings.ttlSeconds) * 1000),
      decidedAt: null,
      decidedBy: null,
      reason: null,
      decisionTokenId: null,
    };
    const created = await this.uow.inTenant(tenantId, async () => {
      await this.approvals.create(approval);
      await this.audit.append(tenantId, {
        action: 'approval.requested',
        actor: approval.requestedBy,
        target: { type: 'approval', id: approval.id },
        data: {
          run_id: approval.runId,
          step_id: approval.stepId,
          tool: approval.tool,
          risk: approval.risk,
          payload_hash: approval.payloadHash,
          expires_at: approval.expiresAt.toISOString(),
        },
        at: now,
      });
      await this.notifications.queueWebhook(
        tenantId,
        'approval.requested',
        approval,
        `Approval requested: ${describeApproval(approval)}`,
        now,
      );
      return ok(approval);
    });
    if (!created.ok) return created;
    await this.notifications.publish('approval.requested', approval, now);
    return ok(toApprovalView(approval));
  }
}
