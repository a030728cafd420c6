import { type AuditLog } from '../../domain/audit/ports/audit-log.port';
import { type ApprovalRepository } from '../../domain/governance/ports/approval-repository.port';
import { type WebhookOutbox, type WebhookSender } from '../../domain/governance/ports/webhook-outbox.port';
import { type RunRepository } from '../../domain/runs/ports/run-repository.port';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { ok } from '../../domain/shared/result';
import { type TenantId } from '../../domain/shared/tenant-id';
import { type StepWriter } from '../runs/step-writer';
import { type ApprovalNotifications, describeApproval } from './approval-notifications';
import { recordApprovalStep } from './decide-approval.use-case';

export const MAX_WEBHOOK_ATTEMPTS = 8;

/** Delay before retry n (1-based): 5 s, 10 s, 20 s … capped at one hour. */
export const webhookBackoffMs = (attempt: number): number => Math.min(5_000 * 2 ** (attempt - 1), 3_600_000);

/**
 * Background job: turns pending approvals past their expiry into `expired` (audited, recorded in
 * the run, announced) and delivers queued webhooks, retrying failures with exponential backoff.
 */
export class SweepGovernanceUseCase {
  constructor(
    private readonly approvals: ApprovalRepository,
    private readonly outbox: WebhookOutbox,
    private readonly sender: WebhookSender,
    private readonly runs: RunRepository,
    private readonly steps: StepWriter,
    private readonly notifications: ApprovalNotifications,
    private readonly audit: AuditLog,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<{ expired: number; delivered: number; failed: number }> {
    const totals = { expired: 0, delivered: 0, failed: 0 };
    for (const tenantId of await this.outbox.tenantsWithDueWork(this.clock.now())) {
      totals.expired += await this.expire(tenantId);
      const sent = await this.deliver(tenantId);
      totals.delivered += sent.delivered;
      totals.failed += sent.failed;
    }
    return totals;
  }

  private async expire(tenantId: TenantId): Promise<number> {
    const now = this.clock.now();
    const expired = await this.uow.inTenant(tenantId, async () => {
      const due = await this.approvals.expireDue(tenantId, now);
      for (const approval of due) {
        await this.audit.append(tenantId, {
          action: 'approval.expired',
          actor: { kind: 'system', id: 'approval-expiry' },
          target: { type: 'approval', id: approval.id },
          data: {
            run_id: approval.runId,
            step_id: approval.stepId,
            tool: approval.tool,
            expires_at: approval.expiresAt.toISOString(),
          },
          at: now,
        });
        await recordApprovalStep(this.runs, this.steps, approval, now);
        await this.notifications.queueWebhook(
          tenantId,
          'approval.expired',
          approval,
          `Approval expired: ${describeApproval(approval)}`,
          now,
        );
      }
      return ok(due);
    });
    if (!expired.ok) return 0;
    for (const approval of expired.value) await this.notifications.publish('approval.expired', approval, now);
    return expired.value.length;
  }

  private async deliver(tenantId: TenantId): Promise<{ delivered: number; failed: number }> {
    const result = { delivered: 0, failed: 0 };
    const config = await this.outbox.config(tenantId);
    for (const delivery of await this.outbox.due(tenantId, this.clock.now(), 50)) {
      const now = this.clock.now();
      const attempt = delivery.attempts + 1;
      let error: string | null = null;
      if (!config) error = 'the approval webhook was removed';
      else {
        try {
          const status = await this.sender.send(delivery, config.secret, now);
          if (status < 200 || status >= 300) error = `HTTP ${status}`;
        } catch (e) {
          error = e instanceof Error ? e.message : String(e);
        }
      }
      if (error === null) {
        await this.outbox.delivered(tenantId, delivery.id, this.clock.now());
        result.delivered++;
      } else {
        const retry =
          config && attempt < MAX_WEBHOOK_ATTEMPTS
            ? new Date(now.getTime() + webhookBackoffMs(attempt))
            : null;
        await this.outbox.failed(tenantId, delivery.id, error.slice(0, 500), retry);
        result.failed++;
      }
    }
    return result;
  }
}
