import { type AuditActor } from '../../domain/audit/audit-entry';
import { type AuditLog } from '../../domain/audit/ports/audit-log.port';
import { type EventPublisher } from '../../domain/shared/ports/event-publisher.port';
import { type UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { type Result } from '../../domain/shared/result';
import { type TenantId } from '../../domain/shared/tenant-id';

export const SYSTEM_ACTOR: AuditActor = { kind: 'system', id: 'cloud-sync' };

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
 * Every change to the cloud side is told twice: an audit entry that commits with the change, and a
 * live event to the tenant's WebSocket subscribers once it has committed.
 */
export class CloudChanges {
  constructor(
    private readonly audit: AuditLog,
    private readonly events: EventPublisher,
    private readonly uow: UnitOfWork,
  ) {}

  /**
   * Runs `work` and audits `changes` in one unit of work, then announces them. When `work` fails
   * nothing is stored, audited or announced.
   */
  async apply<T>(
    tenantId: TenantId,
    changes: readonly CloudChange[],
    work: () => Promise<Result<T>>,
  ): Promise<Result<T>> {
    const done = await this.uow.inTenant(tenantId, async () => {
      const result = await work();
      if (!result.ok) return result;
      for (const change of changes) {
        await this.audit.append(tenantId, {
          action: change.action,
          actor: change.actor,
          target: change.target,
          data: change.data,
          at: change.at,
        });
      }
      return result;
    });
    if (done.ok) for (const change of changes) await this.announce(tenantId, change);
    return done;
  }

  /** A live event only, for facts that are not audited (sync failures, refreshed findings). */
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
