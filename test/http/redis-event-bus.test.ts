import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { type TenantEvent } from '../../domain/shared/ports/event-publisher.port';
import { asTenantId } from '../../domain/shared/tenant-id';
import { RedisEventBus } from '../../infrastructure/events/redis-event-bus';
import { quiet } from '../support/ws';

/**
 * Two replicas' buses on the real Redis, and a raw subscriber that sees what crosses Redis. Other
 * suites share this Redis at the same time: everything here is filtered to this run's own tenants.
 */
const withRedis = process.env.REDIS_URL ? describe : describe.skip;
withRedis('Redis event bus', () => {
  const url = process.env.REDIS_URL as string;
  const tenant = asTenantId(randomUUID());
  const other = asTenantId(randomUUID());
  const ours = (text: string) => text.includes(tenant) || text.includes(other);
  let a: RedisEventBus;
  let b: RedisEventBus;
  let spy: Redis;
  let crossed: { channel: string; message: string }[];
  const heardByB: TenantEvent[] = [];
  const heardByA: TenantEvent[] = [];

  const event = (tenantId: typeof tenant, type: string, viewersOnly = false): TenantEvent => ({
    tenantId,
    type,
    topics: [],
    data: { n: type },
    at: new Date().toISOString(),
    ...(viewersOnly ? { viewersOnly } : {}),
  });
  const eventsCrossed = () => crossed.filter((c) => !c.channel.endsWith(':interest'));
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 100 && !check(); i++) await quiet(20);
    return check();
  };

  beforeEach(async () => {
    crossed = [];
    heardByA.length = 0;
    heardByB.length = 0;
    spy = new Redis(url);
    spy.on('pmessage', (_pattern: string, channel: string, message: string) => {
      if (ours(message)) crossed.push({ channel, message });
    });
    await spy.psubscribe('cockpit:*');
    a = new RedisEventBus(url, (error) => {
      throw error;
    });
    b = new RedisEventBus(url, (error) => {
      throw error;
    });
    a.subscribe((e) => ours(e.tenantId) && heardByA.push(e));
    b.subscribe((e) => ours(e.tenantId) && heardByB.push(e));
    await quiet(100); // both said hello
  });

  afterEach(async () => {
    await a.close();
    await b.close();
    await spy.quit();
  });

  it('delivers an event to its own replica at once and to the other through Redis, once each', async () => {
    await a.publish(event(tenant, 'project.created'));
    expect(heardByA.map((e) => e.type)).toEqual(['project.created']);
    expect(await until(() => heardByB.length === 1)).toBe(true);
    await quiet(100);
    expect(heardByA).toHaveLength(1); // its own echo is ignored
    expect(heardByB[0]).toMatchObject({ type: 'project.created', data: { n: 'project.created' } });
  });

  it('keeps viewers-only events off Redis while no other replica watches the tenant', async () => {
    let built = 0;
    const lazy = event(tenant, 'run.steps_appended', true);
    Object.defineProperty(lazy.data, 'steps', { enumerable: true, get: () => ++built });
    await a.publish(lazy);
    await quiet(150);
    expect(heardByA).toHaveLength(1);
    expect(heardByB).toHaveLength(0);
    expect(eventsCrossed()).toEqual([]);
    expect(built).toBe(0); // nothing was serialised
  });

  it('sends them to the replicas that watch the tenant, and stops when they leave', async () => {
    const unwatch = await b.watch(tenant);
    expect(await until(() => crossed.some((c) => c.message.includes('"watching"')))).toBe(true);
    await quiet(50); // a has processed the announcement
    await a.publish(event(tenant, 'run.steps_appended', true));
    await a.publish(event(other, 'run.steps_appended', true)); // nobody watches this tenant
    expect(await until(() => heardByB.length === 1)).toBe(true);
    expect(heardByB[0]?.tenantId).toBe(tenant);
    expect(eventsCrossed().map((c) => c.channel)).toEqual([`cockpit:viewers:${tenant}`]);

    unwatch();
    expect(await until(() => crossed.some((c) => c.message.includes('"left"')))).toBe(true);
    await quiet(50);
    await a.publish(event(tenant, 'run.steps_appended', true));
    await quiet(150);
    expect(heardByB).toHaveLength(1);
    expect(eventsCrossed()).toHaveLength(1);
  });

  it('tells a replica that starts later what is already watched', async () => {
    await b.watch(tenant);
    const late = new RedisEventBus(url);
    try {
      const heard: TenantEvent[] = [];
      late.subscribe((e) => ours(e.tenantId) && heard.push(e));
      await quiet(200); // hello, and b's answer
      await late.publish(event(tenant, 'run.steps_appended', true));
      expect(await until(() => heardByB.length === 1)).toBe(true);
    } finally {
      await late.close();
    }
  });

  it('forgets a watcher whose announcements stop (a replica that died without a word)', async () => {
    let clock = 0;
    const short = new RedisEventBus(
      url,
      undefined,
      { announceEveryMs: 60_000, interestTtlMs: 1_000 },
      () => clock,
    );
    try {
      await quiet(100);
      await b.watch(tenant);
      await quiet(100);
      await short.publish(event(tenant, 'run.steps_appended', true));
      expect(await until(() => heardByB.length === 1)).toBe(true);
      clock += 1_001;
      await short.publish(event(tenant, 'run.steps_appended', true));
      await quiet(150);
      expect(heardByB).toHaveLength(1);
    } finally {
      await short.close();
    }
  });
});
