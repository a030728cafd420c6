import { type AuditActor } from '../../domain/audit/audit-entry';
import { type AuditLog } from '../../domain/audit/ports/audit-log.port';
import { type EventPublisher } from '../../domain/shared/ports/event-publisher.port';
import { type TenantId } from '../../domain/shared/tenant-id';
import { type TenantActor } from '../shared/actor';

export const SYSTEM_ACTOR: AuditActor = { kind: 'system', id: 'cloud-sync' };

export const auditActor = (actor: TenantActor): AuditActor =>
  actor.kind === 'user' ? { kind: 'user', id: actor.userId } : { kind: 'api_key', id: actor.apiKeyId };

export interface CloudChange {
  readonly action: string;
  readonly actor: AuditActor;
  readonly target: { readonly type: 'provider' | 'resource' | 'budget' | 'alert'; readonly id: string };
  readonly data: Readonly<Record<string, unknown>>;
  readonly at: Date;
  /** Extra live topics, e.g. `provider:<id>`. */
  readonly topics?: readonly string[];
}

/**
 * Every change to the cloud side is told twice: an audit entry (inside the caller's unit of work,
 * so it commits with the change) and a live event to the tenant's WebSocket subscribers (after).
 */
export class CloudChanges {
  constructor(
    private readonly audit: AuditLog,
    private readonly events: EventPublisher,
  ) {}

  async record(tenantId: TenantId, change: CloudChange): Promise<void> {
    await this.audit.append(tenantId, {
      action: change.action,
      actor: change.actor,
      target: change.target,
      data: change.data,
      at: change.at,
    });
  }

  async announce(tenantId: TenantId, change: CloudChange): Promise<void> {
    await this.events.publish({
      tenantId,
      type: change.action,
      topics: ['cloud', `${change.target.type}:${change.target.id}`, ...(change.topics ?? [])],
      data: { ...change.data, [`${change.target.type}_id`]: change.target.id },
      at: change.at.toISOString(),
    });
  }
}
