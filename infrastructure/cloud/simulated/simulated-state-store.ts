import { type TenantId } from '../../../domain/shared/tenant-id';
import { type SimulatedResourceRecord, type SimulatedStateEvent } from './simulated-resource';

/**
 * What the simulated cloud remembers beyond its seed: lifecycle events recorded by `act` and
 * resources made by `create`. Plain JSON (ISO strings, no Dates), one document per provider.
 */
export interface SimulatedOverrides {
  /** Per externalId, oldest first. */
  readonly events: Readonly<Record<string, readonly SimulatedStateEvent[]>>;
  /** Oldest first; their own `history` holds the provisioning events. */
  readonly created: readonly SimulatedResourceRecord[];
}

export const EMPTY_OVERRIDES: SimulatedOverrides = Object.freeze({ events: {}, created: [] });

export interface OverridesChange<T> {
  /** The document to save, or null to leave it as it was (e.g. the provider rejected the action). */
  readonly overrides: SimulatedOverrides | null;
  readonly value: T;
}

/**
 * Where the simulated cloud keeps its overrides. A store implements `load` and `save`; `update`
 * is the read-modify-write every change goes through. The default queues updates per provider
 * inside this process; a database store overrides it to do the same under a row lock
 * (SELECT … FOR UPDATE in one transaction) so that replicas cannot lose each other's events.
 */
export abstract class SimulatedStateStore {
  private readonly queues = new Map<string, Promise<unknown>>();

  /** EMPTY_OVERRIDES when nothing was saved yet. */
  abstract load(tenantId: TenantId, providerId: string): Promise<SimulatedOverrides>;
  abstract save(tenantId: TenantId, providerId: string, overrides: SimulatedOverrides): Promise<void>;

  update<T>(
    tenantId: TenantId,
    providerId: string,
    change: (current: SimulatedOverrides) => OverridesChange<T>,
  ): Promise<T> {
    const key = `${tenantId}/${providerId}`;
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const { overrides, value } = change(await this.load(tenantId, providerId));
        if (overrides) await this.save(tenantId, providerId, overrides);
        return value;
      });
    this.queues.set(key, next);
    // Forget the queue once it drains, so the map does not grow with every provider ever touched.
    void next
      .catch(() => undefined)
      .then(() => {
        if (this.queues.get(key) === next) this.queues.delete(key);
      });
    return next;
  }
}

/**
 * Keeps overrides in memory: for tests, and the fallback when no database store is bound (state
 * then lasts as long as the process). Documents go through JSON on the way in and out, as they
 * would through a jsonb column, so nothing that a database could not keep slips through.
 */
export class InMemorySimulatedStateStore extends SimulatedStateStore {
  private readonly documents = new Map<string, string>();

  async load(tenantId: TenantId, providerId: string): Promise<SimulatedOverrides> {
    const stored = this.documents.get(`${tenantId}/${providerId}`);
    return stored === undefined ? EMPTY_OVERRIDES : (JSON.parse(stored) as SimulatedOverrides);
  }

  async save(tenantId: TenantId, providerId: string, overrides: SimulatedOverrides): Promise<void> {
    this.documents.set(`${tenantId}/${providerId}`, JSON.stringify(overrides));
  }
}
