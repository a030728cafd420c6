import { type AuditLog } from '../../domain/audit/ports/audit-log.port';
import { type WebhookOutbox } from '../../domain/governance/ports/webhook-outbox.port';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { type SecretTokens } from '../../domain/tenancy/ports/secret-tokens.port';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { governanceActor } from './governance-actor';
import { type ApprovalWebhookInput } from './governance-input';

export interface ApprovalWebhookView {
  url: string;
  /** Present only in the answer that set it (generated when not given). */
  secret?: string;
  signature_header: string;
}

const SIGNATURE_HEADER = 'X-Cockpit-Signature';

/** The tenant's approval webhook (Admin): where approval events are POSTed, HMAC-signed. */
export class ApprovalWebhookUseCase {
  constructor(
    private readonly outbox: WebhookOutbox,
    private readonly secrets: SecretTokens,
    private readonly audit: AuditLog,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async get(actor: Actor): Promise<Result<ApprovalWebhookView>> {
    const admin = authorizeTenant(actor, 'admin');
    if (!admin.ok) return admin;
    const config = await this.outbox.config(admin.value.tenantId);
    if (!config) return err(DomainError.notFound('approval webhook'));
    return ok({ url: config.url, signature_header: SIGNATURE_HEADER });
  }

  async set(actor: Actor, input: ApprovalWebhookInput): Promise<Result<ApprovalWebhookView>> {
    const admin = authorizeTenant(actor, 'admin');
    if (!admin.ok) return admin;
    const tenantId = admin.value.tenantId;
    const secret = input.secret ?? `whsec_${this.secrets.random(40)}`;
    const now = this.clock.now();
    return this.uow.inTenant(tenantId, async () => {
      await this.outbox.saveConfig(tenantId, { url: input.url, secret }, now);
      await this.audit.append(tenantId, {
        action: 'settings.approval_webhook_set',
        actor: governanceActor(admin.value),
        target: { type: 'tenant', id: tenantId },
        data: { url: input.url },
        at: now,
      });
      return ok({ url: input.url, secret, signature_header: SIGNATURE_HEADER });
    });
  }

  async remove(actor: Actor): Promise<Result<void>> {
    const admin = authorizeTenant(actor, 'admin');
    if (!admin.ok) return admin;
    const tenantId = admin.value.tenantId;
    const now = this.clock.now();
    return this.uow.inTenant(tenantId, async () => {
      if (!(await this.outbox.deleteConfig(tenantId))) return err(DomainError.notFound('approval webhook'));
      await this.audit.append(tenantId, {
        action: 'settings.approval_webhook_removed',
        actor: governanceActor(admin.value),
        target: { type: 'tenant', id: tenantId },
        data: {},
        at: now,
      });
      return ok(undefined);
    });
  }
}

export { SIGNATURE_HEADER };
