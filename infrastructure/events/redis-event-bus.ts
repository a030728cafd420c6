import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { type TenantEvent } from '../../domain/shared/ports/event-publisher.port';
import { type TenantId } from '../../domain/shared/tenant-id';
import { InProcessEventBus } from './in-process-event-bus';

/** Every event that is not viewers-only: each replica needs them (e.g. to forget a revoked key). */
const EVENTS = 'cockpit:events';
/** Viewers-only events of one tenant; only replicas with a viewer of the tenant subscribe. */
const VIEWERS = 'cockpit:viewers:';
/** Which replica watches which tenants, so that nobody publishes what no replica would deliver. */
const INTEREST = 'cockpit:interest';

interface Envelope {
  readonly origin: string;
  readonly event: TenantEvent;
}

type Interest =
  | { readonly origin: string; readonly kind: 'watching' | 'left'; readonly tenants: readonly string[] }
  | { readonly origin: string; readonly kind: 'hello' | 'gone' };

export interface RedisEventBusTiming {
  /** How often a replica repeats which tenants it watches. */
  readonly announceEveryMs: number;
  /** How long an announcement holds without being repeated (a replica that died without a word). */
  readonly interestTtlMs: number;
}

const DEFAULT_TIMING: RedisEventBusTiming = { announceEveryMs: 10_000, interestTtlMs: 30_000 };

/**
 * Fans events out to every replica through Redis pub/sub. A replica delivers its own events to its
 * own listeners at once and ignores their echo. Viewers-only events (every ingested step, with its
 * payloads) only cross Redis for tenants that some other replica watches: replicas announce the
 * tenants they have live viewers of, so an ingest with nobody watching serialises nothing.
 * Live events are best effort: a Redis outage is reported, never thrown into the request.
 */
export class RedisEventBus extends InProcessEventBus {
  private readonly origin = randomUUID();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly ready: Promise<unknown>;
  private readonly timer: NodeJS.Timeout;
  /** Tenants watched here: how many watchers, and when the watch holds. */
  private readonly watched = new Map<string, { count: number; ready: Promise<void> }>();
  /** Tenants watched elsewhere: replica → until when its last announcement holds. */
  private readonly remote = new Map<string, Map<string, number>>();
  private closed = false;

  constructor(
    url: string,
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly timing: RedisEventBusTiming = DEFAULT_TIMING,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.publisher = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
    this.subscriber = new Redis(url, { lazyConnect: false });
    this.publisher.on('error', onError);
    this.subscriber.on('error', onError);
    this.subscriber.on('message', (channel: string, message: string) => {
      try {
        if (channel === INTEREST) return this.heard(JSON.parse(message) as Interest);
        const envelope = JSON.parse(message) as Envelope;
        if (envelope.origin !== this.origin) this.dispatch(envelope.event);
      } catch (error) {
        onError(error);
      }
    });
    // say hello once subscribed: the others answer with what they watch
    this.ready = this.subscriber
      .subscribe(EVENTS, INTEREST)
      .then(() => this.announce({ origin: this.origin, kind: 'hello' }));
    this.ready.catch(onError);
    this.timer = setInterval(() => void this.announceWatched(), timing.announceEveryMs);
    this.timer.unref();
  }

  override async publish(event: TenantEvent): Promise<void> {
    this.dispatch(event);
    if (event.viewersOnly && !this.watchedElsewhere(event.tenantId)) return;
    try {
      await this.ready;
      const channel = event.viewersOnly ? VIEWERS + event.tenantId : EVENTS;
      await this.publisher.publish(
        channel,
        JSON.stringify({ origin: this.origin, event } satisfies Envelope),
      );
    } catch (error) {
      this.onError(error);
    }
  }

  override async watch(tenantId: TenantId): Promise<() => void> {
    let entry = this.watched.get(tenantId);
    if (entry) entry.count++;
    else {
      const ready = (async () => {
        await this.ready;
        await this.subscriber.subscribe(VIEWERS + tenantId);
        await this.announce({ origin: this.origin, kind: 'watching', tenants: [tenantId] });
      })().catch(this.onError);
      this.watched.set(tenantId, (entry = { count: 1, ready }));
    }
    await entry.ready;
    let withdrawn = false;
    return () => {
      // after close() the replica already said it is gone (sockets may close after the bus)
      if (withdrawn || this.closed) return;
      withdrawn = true;
      const current = this.watched.get(tenantId);
      if (!current || --current.count > 0) return;
      this.watched.delete(tenantId);
      this.subscriber.unsubscribe(VIEWERS + tenantId).catch(this.onError);
      void this.announce({ origin: this.origin, kind: 'left', tenants: [tenantId] });
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.announce({ origin: this.origin, kind: 'gone' });
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }

  private watchedElsewhere(tenantId: string): boolean {
    const replicas = this.remote.get(tenantId);
    if (!replicas) return false;
    const now = this.now();
    for (const [origin, until] of replicas) if (until <= now) replicas.delete(origin);
    if (replicas.size === 0) this.remote.delete(tenantId);
    return replicas.size > 0;
  }

  private heard(message: Interest): void {
    if (message.origin === this.origin) return;
    switch (message.kind) {
      case 'hello':
        void this.announceWatched();
        return;
      case 'gone':
        for (const [tenantId, replicas] of this.remote) {
          replicas.delete(message.origin);
          if (replicas.size === 0) this.remote.delete(tenantId);
        }
        return;
      case 'watching':
      case 'left':
        for (const tenantId of message.tenants) {
          const replicas = this.remote.get(tenantId) ?? new Map<string, number>();
          if (message.kind === 'watching')
            replicas.set(message.origin, this.now() + this.timing.interestTtlMs);
          else replicas.delete(message.origin);
          if (replicas.size > 0) this.remote.set(tenantId, replicas);
          else this.remote.delete(tenantId);
        }
    }
  }

  private async announceWatched(): Promise<void> {
    if (this.watched.size === 0) return;
    await this.announce({ origin: this.origin, kind: 'watching', tenants: [...this.watched.keys()] });
  }

  private async announce(message: Interest): Promise<void> {
    try {
      await this.publisher.publish(INTEREST, JSON.stringify(message));
    } catch (error) {
      this.onError(error);
    }
  }
}
