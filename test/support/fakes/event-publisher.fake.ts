import { EventPublisher, type TenantEvent } from '../../../domain/shared/ports/event-publisher.port';

/** Records what was published, in order. */
export class FakeEventPublisher extends EventPublisher {
  readonly published: TenantEvent[] = [];

  async publish(event: TenantEvent): Promise<void> {
    this.published.push(event);
  }

  ofType(type: string): TenantEvent[] {
    return this.published.filter((event) => event.type === type);
  }
}
