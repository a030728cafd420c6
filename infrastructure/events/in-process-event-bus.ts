import { EventBus, type TenantEvent } from '../../domain/shared/ports/event-publisher.port';
import { type TenantId } from '../../domain/shared/tenant-id';

/** One process, no broker: the embedded default. Listener errors never reach the publisher. */
export class InProcessEventBus extends EventBus {
  private readonly listeners = new Set<(event: TenantEvent) => void>();

  async publish(event: TenantEvent): Promise<void> {
    this.dispatch(event);
  }

  /** One process: every event already reaches every listener here. */
  async watch(_tenantId: TenantId): Promise<() => void> {
    return () => undefined;
  }

  subscribe(listener: (event: TenantEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected dispatch(event: TenantEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // a broken subscriber must not break the request that produced the event
      }
    }
  }
}
