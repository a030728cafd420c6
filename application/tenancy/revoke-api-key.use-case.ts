import { type AuditLog } from '../../domain/audit/ports/audit-log.port';
import { type UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type EventPublisher } from '../../domain/shared/ports/event-publisher.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { type ApiKey } from '../../domain/tenancy/api-key.entity';
import { type ApiKeyRepository } from '../../domain/tenancy/ports/api-key-repository.port';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { auditActorOf } from '../shared/audit-actor';

/** Revocation is immediate (keys are checked on every request) and idempotent. */
export class RevokeApiKeyUseCase {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, projectId: string, keyId: string): Promise<Result<ApiKey>> {
    const admin = authorizeTenant(actor, 'admin');
    if (!admin.ok) return admin;
    const key = await this.keys.findById(admin.value.tenantId, keyId);
    if (!key || key.projectId !== projectId) return err(DomainError.notFound('api key', keyId));
    const now = this.clock.now();
    const revoked = key.revoke(now);
    if (revoked !== key) {
      await this.uow.inTenant(key.tenantId, async () => {
        await this.keys.update(revoked);
        await this.audit.append(key.tenantId, {
          action: 'api_key.revoked',
          actor: auditActorOf(admin.value),
          target: { type: 'api_key', id: key.id },
          data: { project_id: projectId, prefix: key.prefix, name: key.name },
          at: now,
        });
        return ok(undefined);
      });
      await this.events.publish({
        tenantId: key.tenantId,
        type: 'api_key.revoked',
        topics: [`project:${projectId}`],
        data: { api_key_id: key.id, project_id: projectId, prefix: key.prefix },
        at: now.toISOString(),
      });
    }
    return ok(revoked);
  }
}
