import { type AuditLog } from '../../domain/audit/ports/audit-log.port';
import { toolCallText } from '../../domain/governance/tool-call';
import { type RunRepository } from '../../domain/runs/ports/run-repository.port';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type Digest } from '../../domain/shared/ports/digest.port';
import { type EventPublisher } from '../../domain/shared/ports/event-publisher.port';
import { type IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { type UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { type Result, ok } from '../../domain/shared/result';
import { findVisibleRun } from '../runs/run-access';
import { type StepWriter } from '../runs/step-writer';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { type ApprovalNotifications } from './approval-notifications';
import { type DecisionTokenIssuer } from './decision-token-issuer';
import { governanceActor } from './governance-actor';
import { type BreakGlassInput } from './governance-input';

export interface BreakGlassView {
  decision_token: string;
  token_id: string;
  expires_at: string;
  payload_hash: string;
  break_glass: true;
}

/**
 * Emergency override (Admin only, with a reason): a decision token for one exact call without an
 * approval or policy. Always audited, recorded in the run, announced to approvers and the webhook.
 */
export class BreakGlassUseCase {
  constructor(
    private readonly runs: RunRepository,
    private readonly tokens: DecisionTokenIssuer,
    private readonly steps: StepWriter,
    private readonly notifications: ApprovalNotifications,
    private readonly events: EventPublisher,
    private readonly audit: AuditLog,
    private readonly digest: Digest,
    private readonly uow: UnitOfWork,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: BreakGlassInput): Promise<Result<BreakGlassView>> {
    const admin = authorizeTenant(actor, 'admin');
    if (!admin.ok) return admin;
    const tenantId = admin.value.tenantId;
    const run = await findVisibleRun(this.runs, admin.value, input.run_id);
    if (!run.ok) return run;
    const by = governanceActor(admin.value);
    const now = this.clock.now();
    const stepId = input.step_id ?? this.ids.next();
    const payloadHash = this.digest.sha256(toolCallText(input.tool, input.arguments ?? null));
    const done = await this.uow.inTenant(tenantId, async () => {
      const issued = await this.tokens.issue(
        tenantId,
        {
          projectId: run.value.projectId,
          runId: run.value.id,
          stepId,
          approvalId: null,
          payloadHash,
          decision: 'break_glass',
          policyVersion: null,
          policyVersionId: null,
          issuedTo: by,
          issuedBy: by,
        },
        now,
      );
      await this.audit.append(tenantId, {
        action: 'break_glass.used',
        actor: by,
        target: { type: 'run', id: run.value.id },
        data: {
          tool: input.tool,
          step_id: stepId,
          payload_hash: payloadHash,
          reason: input.reason,
          token_id: issued.claims.id,
        },
        at: now,
      });
      const written = await this.steps.write(
        tenantId,
        run.value.id,
        [
          {
            id: `${stepId}:break-glass`,
            kind: 'approval',
            name: `break-glass: ${input.tool}`,
            tool: input.tool,
            started_at: now.toISOString(),
            ended_at: now.toISOString(),
            input: { tool: input.tool, arguments: input.arguments ?? null, payload_hash: payloadHash },
            output: {
              status: 'break_glass',
              reason: input.reason,
              decided_by: by,
              jti: issued.claims.id,
            },
            metadata: { break_glass: true, gate_step_id: stepId },
          },
        ],
        async () => ok(run.value),
      );
      if (!written.ok) return written;
      const text = `Break-glass used on \`${input.tool}\` in run ${run.value.id}: ${input.reason}`;
      await this.notifications.queueWebhook(tenantId, 'break_glass.used', null, text, now, {
        tenant_id: tenantId,
        run_id: run.value.id,
        tool: input.tool,
        reason: input.reason,
        by,
        token_id: issued.claims.id,
      });
      return ok(issued);
    });
    if (!done.ok) return done;
    await this.events.publish({
      tenantId,
      type: 'break_glass.used',
      topics: ['approvals', `project:${run.value.projectId}`, `run:${run.value.id}`],
      data: {
        run_id: run.value.id,
        tool: input.tool,
        reason: input.reason,
        by,
        token_id: done.value.claims.id,
      },
      at: now.toISOString(),
      audience: 'approvers',
    });
    return ok({
      decision_token: done.value.token,
      token_id: done.value.claims.id,
      expires_at: done.value.claims.expiresAt.toISOString(),
      payload_hash: payloadHash,
      break_glass: true,
    });
  }
}
