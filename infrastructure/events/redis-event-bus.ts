import Redis from 'ioredis';
import { type TenantEvent } from '../../domain/shared/ports/event-publisher.port';
import { InProcessEventBus } from './in-process-event-bus';

const CHANNEL = 'cockpit:events';

/**
 * Fans events out to every replica through Redis pub/sub: each replica publishes to the channel
 * and delivers what it receives to its own WebSocket clients. Live events are best effort, so a
 * Redis outage is reported, never thrown into the request that produced the event.
 */
export class RedisEventBus extends InProcessEventBus {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly ready: Promise<unknown>;

  constructor(
    url: string,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    super();
    this.publisher = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
    this.subscriber = new Redis(url, { lazyConnect: false });
    this.publisher.on('error', onError);
    this.subscriber.on('error', onError);
    this.subscriber.on('message', (_channel: string, message: string) => {
      try {
        this.dispatch(JSON.parse(message) as TenantEvent);
      } catch (error) {
        onError(error);
      }
    });
    this.ready = this.subscriber.subscribe(CHANNEL);
  }

  override async publish(event: TenantEvent): Promise<void> {
    try {
      await this.ready;
      await this.publisher.publish(CHANNEL, JSON.stringify(event));
    } catch (error) {
      this.onError(error);
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }
}
