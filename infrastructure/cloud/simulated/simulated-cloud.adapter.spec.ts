import { Credentials } from '../../../domain/cloud/credentials';
import {
  type CloudConnection,
  type DiscoveredResource,
  type ResourcePage,
} from '../../../domain/cloud/ports/cloud.port';
import { asTenantId } from '../../../domain/shared/tenant-id';
import { FakeClock } from '../../../test/support/fakes/clock.fake';
import { failure, unwrap } from '../../../test/support/results';
import { SIMULATED_REGIONS } from './price-table';
import { SimulatedCloudAdapter } from './simulated-cloud.adapter';
import { seedTag } from './simulated-inventory';
import { InMemorySimulatedStateStore } from './simulated-state-store';

const START = new Date('2026-03-02T10:00:00.000Z');

function connection(values: Record<string, string> = {}, regions: string[] = []): CloudConnection {
  return {
    tenantId: asTenantId('00000000-0000-4000-8000-000000000001'),
    providerId: 'prov-1',
    credentials: unwrap(Credentials.of('simulated', values)),
    regions,
  };
}

function setup(delaysMs = {}) {
  const clock = new FakeClock(START);
  const store = new InMemorySimulatedStateStore();
  const cloud = new SimulatedCloudAdapter({ store, clock: () => clock.now(), delaysMs });
  return { clock, store, cloud };
}

async function listAll(cloud: SimulatedCloudAdapter, conn: CloudConnection): Promise<DiscoveredResource[]> {
  const items: DiscoveredResource[] = [];
  let token: string | null = null;
  do {
    const page: ResourcePage = unwrap(await cloud.listResources(conn, token));
    items.push(...page.items);
    token = page.nextPageToken;
  } while (token !== null);
  return items;
}

async function find(cloud: SimulatedCloudAdapter, conn: CloudConnection, externalId: string) {
  return (await listAll(cloud, conn)).find((r) => r.externalId === externalId);
}

const tag = seedTag('demo');
const BASTION = { externalId: `sim-${tag}-vm-0001`, region: 'sim-us-east', type: 'vm' } as const;
const STOPPED_BATCH = { externalId: `sim-${tag}-vm-0004`, region: 'sim-eu-west', type: 'vm' } as const;
const BUCKET = { externalId: `sim-${tag}-bkt-0001`, region: 'sim-eu-west', type: 'bucket' } as const;

describe('SimulatedCloudAdapter', () => {
  describe('connection', () => {
    it('names the account after the seed and offers every simulated region', async () => {
      const { cloud } = setup();
      expect(unwrap(await cloud.testConnection(connection({ seed: 'acme' })))).toEqual({
        account: 'simulated:acme',
        regions: [...SIMULATED_REGIONS],
      });
      expect(unwrap(await cloud.testConnection(connection())).account).toBe('simulated:demo');
    });

    it.each(['0', '20001', '12.5', 'many'])('refuses size %s', async (size) => {
      const { cloud } = setup();
      expect(await cloud.testConnection(connection({ size }))).toEqual(failure('validation'));
    });

    it('refuses a region the simulated cloud does not have, rather than listing nothing', async () => {
      const { cloud } = setup();
      expect(await cloud.listResources(connection({}, ['us-east-1']), null)).toEqual(failure('validation'));
    });
  });

  describe('listing', () => {
    it('lists 40 resources by default, priced from the table', async () => {
      const { cloud } = setup();
      const items = await listAll(cloud, connection());
      expect(items).toHaveLength(40);
      const bastion = items.find((r) => r.externalId === BASTION.externalId)!;
      expect(bastion).toMatchObject({ name: 'bastion-01', state: 'running', providerState: 'running' });
      expect(bastion.costPerHour).toBe(0.0208);
      expect(items.find((r) => r.externalId === BUCKET.externalId)).toMatchObject({
        state: 'running',
        providerState: 'available',
      });
      expect(items.find((r) => r.externalId === STOPPED_BATCH.externalId)?.state).toBe('stopped');
    });

    it('pages by 500 and the pages add up to the whole inventory, in order', async () => {
      const { cloud } = setup();
      const conn = connection({ size: '1200' });
      const first = unwrap(await cloud.listResources(conn, null));
      const second = unwrap(await cloud.listResources(conn, first.nextPageToken));
      const third = unwrap(await cloud.listResources(conn, second.nextPageToken));
      expect([first.items.length, second.items.length, third.items.length]).toEqual([500, 500, 200]);
      expect(third.nextPageToken).toBeNull();
      const ids = [...first.items, ...second.items, ...third.items].map((r) => r.externalId);
      expect(new Set(ids).size).toBe(1200);
      expect(ids[0]).toBe(BASTION.externalId);
    });

    it('refuses a page token it did not hand out', async () => {
      const { cloud } = setup();
      expect(await cloud.listResources(connection(), 'abc')).toEqual(failure('validation'));
    });

    it('keeps to the chosen regions, plus global IAM policies', async () => {
      const { cloud } = setup();
      const all = await listAll(cloud, connection({ size: '300' }));
      const some = await listAll(cloud, connection({ size: '300' }, ['sim-eu-west', 'sim-ap-southeast']));
      expect(some.length).toBeGreaterThan(0);
      expect(some.length).toBeLessThan(all.length);
      expect(new Set(some.map((r) => r.region))).toEqual(
        new Set(['sim-eu-west', 'sim-ap-southeast', 'global']),
      );
      expect(some).toEqual(
        all.filter((r) => ['sim-eu-west', 'sim-ap-southeast', 'global'].includes(r.region)),
      );
    });
  });

  describe('lifecycle', () => {
    it('stops a running VM: stopping for the stop delay, then stopped', async () => {
      const { cloud, clock } = setup();
      const conn = connection();
      expect(unwrap(await cloud.act(conn, BASTION, 'stop'))).toEqual({
        state: 'stopped',
        providerState: 'stopping',
      });
      expect(await find(cloud, conn, BASTION.externalId)).toMatchObject({
        state: 'stopped',
        providerState: 'stopping',
      });
      clock.advance({ ms: 2_999 });
      expect((await find(cloud, conn, BASTION.externalId))?.providerState).toBe('stopping');
      clock.advance({ ms: 1 });
      expect(await find(cloud, conn, BASTION.externalId)).toMatchObject({
        state: 'stopped',
        providerState: 'stopped',
      });
    });

    it('starts a stopped VM after the start delay', async () => {
      const { cloud, clock } = setup();
      const conn = connection();
      expect(unwrap(await cloud.act(conn, STOPPED_BATCH, 'start'))).toEqual({
        state: 'running',
        providerState: 'starting',
      });
      clock.advance({ seconds: 4 });
      expect(await find(cloud, conn, STOPPED_BATCH.externalId)).toMatchObject({
        state: 'running',
        providerState: 'running',
      });
    });

    it.each([
      ['start a running VM', BASTION, 'start'],
      ['stop a stopped VM', STOPPED_BATCH, 'stop'],
      ['stop a bucket', BUCKET, 'stop'],
    ] as const)('rejects an attempt to %s', async (_label, ref, action) => {
      const { cloud } = setup();
      expect(await cloud.act(connection(), ref, action)).toEqual(failure('conflict', 'provider_rejected'));
    });

    it('rejects start and stop while a change is under way, but lets terminate through', async () => {
      const { cloud } = setup();
      const conn = connection();
      unwrap(await cloud.act(conn, BASTION, 'stop'));
      expect(await cloud.act(conn, BASTION, 'start')).toEqual(failure('conflict', 'provider_rejected'));
      expect(unwrap(await cloud.act(conn, BASTION, 'terminate'))).toEqual({
        state: 'terminated',
        providerState: 'shutting-down',
      });
    });

    it('keeps a terminated resource listed for an hour, then forgets it', async () => {
      const { cloud, clock } = setup();
      const conn = connection();
      unwrap(await cloud.act(conn, BUCKET, 'terminate'));
      expect((await find(cloud, conn, BUCKET.externalId))?.providerState).toBe('deleting');
      clock.advance({ minutes: 59 });
      expect(await find(cloud, conn, BUCKET.externalId)).toMatchObject({
        state: 'terminated',
        providerState: 'deleted',
      });
      expect(await cloud.act(conn, BUCKET, 'terminate')).toEqual(failure('conflict', 'provider_rejected'));
      clock.advance({ minutes: 1 });
      expect(await find(cloud, conn, BUCKET.externalId)).toBeUndefined();
      expect(await cloud.act(conn, BUCKET, 'terminate')).toEqual(failure('not_found', 'provider_not_found'));
    });

    it('answers not found for an id it never had, or one outside the chosen regions', async () => {
      const { cloud } = setup();
      const ghost = { ...BASTION, externalId: `sim-${tag}-vm-9999` };
      expect(await cloud.act(connection(), ghost, 'stop')).toEqual(
        failure('not_found', 'provider_not_found'),
      );
      expect(await cloud.act(connection({}, ['sim-eu-west']), BASTION, 'stop')).toEqual(
        failure('not_found', 'provider_not_found'),
      );
    });

    it('remembers changes through the state store, across adapter instances', async () => {
      const { cloud, store, clock } = setup({ stop: 0 });
      unwrap(await cloud.act(connection(), BASTION, 'stop'));
      const again = new SimulatedCloudAdapter({ store, clock: () => clock.now() });
      expect((await find(again, connection(), BASTION.externalId))?.state).toBe('stopped');
      const otherProvider = { ...connection(), providerId: 'prov-2' };
      expect((await find(again, otherProvider, BASTION.externalId))?.state).toBe('running');
    });

    it('creates a VM that provisions for the create delay, then runs', async () => {
      const { cloud, clock } = setup();
      const conn = connection();
      const spec = {
        name: 'web-new',
        region: 'sim-eu-west',
        type: 'vm',
        size: 'gp.medium',
        tags: { env: 'dev' },
      } as const;
      const made = unwrap(await cloud.create(conn, spec));
      expect(made).toMatchObject({
        externalId: `sim-${tag}-vm-c0001`,
        state: 'pending',
        providerState: 'provisioning',
        costPerHour: 0.044928,
        createdAt: START,
        tags: { env: 'dev' },
      });
      expect(unwrap(await cloud.create(conn, spec)).externalId).toBe(`sim-${tag}-vm-c0002`);
      expect(await cloud.act(conn, made, 'stop')).toEqual(failure('conflict', 'provider_rejected'));
      expect(await find(cloud, conn, made.externalId)).toMatchObject({
        state: 'pending',
        providerState: 'provisioning',
      });
      clock.advance({ seconds: 8 });
      expect(await find(cloud, conn, made.externalId)).toMatchObject({
        state: 'running',
        providerState: 'running',
      });
      expect(await listAll(cloud, conn)).toHaveLength(42);
    });

    it('keeps a VM terminated while provisioning terminated', async () => {
      const { cloud, clock } = setup();
      const conn = connection();
      const spec = { name: 'x', region: 'sim-us-east', type: 'vm', size: 'gp.small', tags: {} } as const;
      const made = unwrap(await cloud.create(conn, spec));
      clock.advance({ seconds: 2 });
      unwrap(await cloud.act(conn, made, 'terminate'));
      clock.advance({ seconds: 30 });
      expect(await find(cloud, conn, made.externalId)).toMatchObject({
        state: 'terminated',
        providerState: 'terminated',
      });
    });

    it.each([
      ['an unknown size', { size: 'm5.large' }],
      ['a database size', { size: 'db.small' }],
      ['an unknown region', { region: 'us-east-1' }],
      ['an empty name', { name: '  ' }],
    ])('refuses to create a VM with %s', async (_label, change) => {
      const { cloud } = setup();
      const spec = {
        name: 'x',
        region: 'sim-us-east',
        type: 'vm',
        size: 'gp.small',
        tags: {},
        ...change,
      } as const;
      expect(await cloud.create(connection(), spec)).toEqual(failure('validation'));
    });

    it('refuses to create outside the chosen regions', async () => {
      const { cloud } = setup();
      const spec = { name: 'x', region: 'sim-us-east', type: 'vm', size: 'gp.small', tags: {} } as const;
      expect(await cloud.create(connection({}, ['sim-eu-west']), spec)).toEqual(failure('validation'));
    });
  });

  describe('right-sizing', () => {
    it('suggests the next size down for idle running VMs, with monthly savings and the percentiles', async () => {
      const { cloud } = setup();
      const hints = unwrap(await cloud.rightsizing(connection()));
      const api = hints.find((h) => h.externalId === `sim-${tag}-vm-0003`)!;
      expect(api).toMatchObject({ currentSize: 'gp.2xlarge', suggestedSize: 'gp.xlarge' });
      // sim-eu-central: (0.384 − 0.192) × 1.12 × 730 hours.
      expect(api.monthlySavingsUsd).toBe(156.98);
      expect(api.reason).toMatch(/CPU p95 \d+% and memory p95 \d+%/);
      const items = await listAll(cloud, connection());
      for (const hint of hints) {
        const vm = items.find((r) => r.externalId === hint.externalId)!;
        expect(vm.state).toBe('running');
        expect(vm.config.cpuP95).toBeLessThan(20);
        expect(vm.config.memoryP95).toBeLessThan(40);
      }
    });

    it('drops the advice once the VM is stopped', async () => {
      const { cloud } = setup({ stop: 0 });
      unwrap(
        await cloud.act(
          connection(),
          { ...BASTION, externalId: `sim-${tag}-vm-0003`, region: 'sim-eu-central' },
          'stop',
        ),
      );
      const hints = unwrap(await cloud.rightsizing(connection()));
      expect(hints.map((h) => h.externalId)).not.toContain(`sim-${tag}-vm-0003`);
    });
  });
});
