import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type EventPublisher } from '../../domain/shared/ports/event-publisher.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { type ApiKey } from '../../domain/tenancy/api-key.entity';
import { type ApiKeyRepository } from '../../domain/tenancy/ports/api-key-repository.port';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';

/** Revocation is immediate (keys are checked on every request) and idempotent. */
export class RevokeApiKeyUseCase {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, projectId: string, keyId: string): Promise<Result<ApiKey>> {
    const admin = authorizeTenant(actor, 'admin');
    if (!admin.ok) return admin;
    const key = await this.keys.findById(admin.value.tenantId, keyId);
    if (!key || key.projectId !== projectId) return err(DomainError.notFound('api key', keyId));
    const now = this.clock.now();
    const revoked = key.revoke(now);
    if (revoked !== key) {
      await this.keys.update(revoked);
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
