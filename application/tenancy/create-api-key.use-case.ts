import { type AuditLog } from '../../domain/audit/ports/audit-log.port';
import { type UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { z } from 'zod';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type EventPublisher } from '../../domain/shared/ports/event-publisher.port';
import { type IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { ApiKey, formatApiKey } from '../../domain/tenancy/api-key.entity';
import { type ApiKeyRepository } from '../../domain/tenancy/ports/api-key-repository.port';
import { type ProjectRepository } from '../../domain/tenancy/ports/project-repository.port';
import { type SecretTokens } from '../../domain/tenancy/ports/secret-tokens.port';
import { API_KEY_ROLES } from '../../domain/tenancy/role';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { auditActorOf } from '../shared/audit-actor';

export const CreateApiKeyInput = z.strictObject({
  name: z.string().min(1).max(120),
  role: z
    .enum(API_KEY_ROLES)
    .default('developer')
    .describe('developer (ingest and write) or viewer (read only)'),
  expires_in_days: z.number().int().min(1).max(3650).optional().describe('Never expires when absent'),
});
export type CreateApiKeyInput = z.infer<typeof CreateApiKeyInput>;

export interface CreatedApiKey {
  readonly apiKey: ApiKey;
  /** The full key, to show exactly once. */
  readonly secret: string;
}

export class CreateApiKeyUseCase {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly keys: ApiKeyRepository,
    private readonly tokens: SecretTokens,
    private readonly events: EventPublisher,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, projectId: string, input: CreateApiKeyInput): Promise<Result<CreatedApiKey>> {
    const admin = authorizeTenant(actor, 'admin');
    if (!admin.ok) return admin;
    const tenantId = admin.value.tenantId;
    if (!(await this.projects.findById(tenantId, projectId)))
      return err(DomainError.notFound('project', projectId));

    const now = this.clock.now();
    const expiresAt = input.expires_in_days
      ? new Date(now.getTime() + input.expires_in_days * 86_400_000)
      : null;
    // A prefix collision is ~1 in 62^12 per pair; one retry turns "impossible" into "never".
    for (let attempt = 0; attempt < 2; attempt++) {
      const prefix = this.tokens.random(12);
      const secret = formatApiKey(prefix, this.tokens.random(32));
      const issued = ApiKey.issue({
        id: this.ids.next(),
        tenantId,
        projectId,
        name: input.name,
        prefix,
        secretHash: this.tokens.digest(secret),
        role: input.role,
        createdBy: actor.kind === 'user' ? actor.userId : null,
        expiresAt,
        now,
      });
      if (!issued.ok) return issued;
      const key = issued.value;
      const created = await this.uow.inTenant(tenantId, async () => {
        if (!(await this.keys.create(key))) return ok(false);
        await this.audit.append(tenantId, {
          action: 'api_key.created',
          actor: auditActorOf(admin.value),
          target: { type: 'api_key', id: key.id },
          data: { project_id: projectId, prefix, name: key.name, role: key.role },
          at: now,
        });
        return ok(true);
      });
      if (created.ok && created.value) {
        await this.events.publish({
          tenantId,
          type: 'api_key.created',
          topics: [`project:${projectId}`],
          data: { api_key_id: issued.value.id, project_id: projectId, prefix, name: issued.value.name },
          at: now.toISOString(),
        });
        return ok({ apiKey: issued.value, secret });
      }
    }
    return err(DomainError.conflict('could not allocate a unique key prefix, try again'));
  }
}
