import { type Approval } from '../../domain/governance/approval.entity';
import { type WebhookOutbox } from '../../domain/governance/ports/webhook-outbox.port';
import { type EventPublisher } from '../../domain/shared/ports/event-publisher.port';
import { type TenantId } from '../../domain/shared/tenant-id';
import { type ApprovalView, toApprovalView } from './approval.view';

export type ApprovalEvent =
  'approval.requested' | 'approval.decided' | 'approval.expired' | 'break_glass.used';

/**
 * Tells people about approvals: a live event (requests go to approvers only), and the tenant's
 * webhook, queued in the outbox inside the caller's transaction so it is sent exactly when the
 * change commits. The webhook body is Slack-compatible (`text` + `blocks`) and carries the approval.
 */
export class ApprovalNotifications {
  constructor(
    private readonly events: EventPublisher,
    private readonly outbox: WebhookOutbox,
    private readonly settings: { readonly publicUrl: string },
  ) {}

  async queueWebhook(
    tenantId: TenantId,
    event: ApprovalEvent,
    approval: Approval | null,
    text: string,
    at: Date,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    const view = approval ? toApprovalView(approval) : null;
    await this.outbox.enqueue(
      tenantId,
      event,
      {
        text,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
        event,
        approval: view,
        ...extra,
        links: view ? { approval: `${this.settings.publicUrl}/v1/approvals/${view.id}` } : {},
      },
      at,
    );
  }

  async publish(event: ApprovalEvent, approval: Approval, at: Date): Promise<void> {
    const view: ApprovalView = toApprovalView(approval);
    await this.events.publish({
      tenantId: approval.tenantId,
      type: event,
      topics: [
        'approvals',
        `approval:${approval.id}`,
        `project:${approval.projectId}`,
        `run:${approval.runId}`,
      ],
      data: { approval: view },
      at: at.toISOString(),
      ...(event === 'approval.requested' ? { audience: 'approvers' as const } : {}),
    });
  }
}

export function describeApproval(a: Approval): string {
  return `*${a.risk}* risk call to \`${a.tool}\` — ${a.summary}`;
}
