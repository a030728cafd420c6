import { Credentials } from '../../../domain/cloud/credentials';
import { type CloudConnection, type CostLine } from '../../../domain/cloud/ports/cloud.port';
import { asTenantId } from '../../../domain/shared/tenant-id';
import { FakeClock } from '../../../test/support/fakes/clock.fake';
import { failure, unwrap } from '../../../test/support/results';
import { SimulatedCloudAdapter } from './simulated-cloud.adapter';
import { DAY_MS, computeCosts, dailyFactor } from './simulated-costs';
import { seedTag } from './simulated-inventory';

const conn: CloudConnection = {
  tenantId: asTenantId('00000000-0000-4000-8000-000000000001'),
  providerId: 'prov-1',
  credentials: unwrap(Credentials.of('simulated', {})),
  regions: [],
};
const tag = seedTag('demo');
// bastion-01: gp.small in sim-us-east at 0.0208 an hour, running since before the epoch.
const BASTION = { externalId: `sim-${tag}-vm-0001`, region: 'sim-us-east', type: 'vm' } as const;
const PRICE = 0.0208;

function setup(dailyVariation: boolean, at = '2026-03-02T10:30:00.000Z') {
  const clock = new FakeClock(new Date(at));
  const cloud = new SimulatedCloudAdapter({ clock: () => clock.now(), dailyVariation });
  return { clock, cloud };
}

const linesOf = (lines: readonly CostLine[], externalId: string) =>
  lines.filter((l) => l.externalId === externalId);

describe('simulated costs', () => {
  it('bills a VM stopped mid-day for exactly the hours it ran, and nothing after', async () => {
    const { cloud, clock } = setup(false);
    unwrap(await cloud.act(conn, BASTION, 'stop'));
    clock.set(new Date('2026-03-02T15:00:00.000Z'));
    unwrap(await cloud.act(conn, BASTION, 'start'));
    clock.set(new Date('2026-03-02T21:15:00.000Z'));
    unwrap(await cloud.act(conn, BASTION, 'stop'));
    clock.set(new Date('2026-03-10T00:00:00.000Z'));

    const lines = linesOf(
      unwrap(await cloud.costs(conn, { from: '2026-03-01', to: '2026-03-04' })),
      BASTION.externalId,
    );
    expect(lines.map((l) => l.day)).toEqual(['2026-03-01', '2026-03-02']);
    expect(lines[0]).toEqual({
      day: '2026-03-01',
      service: 'Compute',
      region: 'sim-us-east',
      externalId: BASTION.externalId,
      amountUsd: 24 * PRICE,
      estimated: false,
    });
    // 00:00–10:30 and 15:00–21:15.
    expect(lines[1]!.amountUsd).toBeCloseTo(16.75 * PRICE, 9);
  });

  it('bills nothing past the clock: today is partial, tomorrow is empty', async () => {
    const { cloud } = setup(false, '2026-03-02T06:00:00.000Z');
    const lines = linesOf(
      unwrap(await cloud.costs(conn, { from: '2026-03-02', to: '2026-03-04' })),
      BASTION.externalId,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]!.amountUsd).toBeCloseTo(6 * PRICE, 9);
  });

  it('bills storage by the GB all the time and stopped machines not at all', async () => {
    const { cloud } = setup(false);
    const lines = unwrap(await cloud.costs(conn, { from: '2026-02-01', to: '2026-02-02' }));
    const { items, nextPageToken } = unwrap(await cloud.listResources(conn, null));
    expect(nextPageToken).toBeNull();
    for (const item of items) {
      const line = linesOf(lines, item.externalId)[0];
      if (item.type === 'security_group' || item.type === 'iam_policy' || item.state === 'stopped') {
        expect(line).toBeUndefined();
      } else {
        expect(line?.amountUsd).toBeCloseTo(24 * item.costPerHour!, 6);
      }
    }
    expect(new Set(lines.map((l) => l.service))).toEqual(
      new Set(['Compute', 'Databases', 'Object Storage', 'Block Storage', 'AI Endpoints', 'Vector DB']),
    );
  });

  it('costs more on weekdays than on weekends, by a few percent per resource-day', async () => {
    const { cloud } = setup(true, '2026-06-01T00:00:00.000Z');
    // Four whole weeks, Monday to Monday.
    const lines = linesOf(
      unwrap(await cloud.costs(conn, { from: '2026-03-02', to: '2026-03-30' })),
      BASTION.externalId,
    );
    expect(lines).toHaveLength(28);
    const weekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
    const weekdays = lines.filter((l) => !weekend(l.day)).map((l) => l.amountUsd);
    const weekends = lines.filter((l) => weekend(l.day)).map((l) => l.amountUsd);
    expect(Math.min(...weekdays)).toBeGreaterThan(Math.max(...weekends));
    for (const line of lines) {
      expect(line.amountUsd / (24 * PRICE)).toBeGreaterThan(0.85);
      expect(line.amountUsd / (24 * PRICE)).toBeLessThan(1.1);
    }
    expect(new Set(weekdays).size).toBeGreaterThan(1);
  });

  it('gives the same bill twice', async () => {
    const { cloud } = setup(true);
    const range = { from: '2026-01-01', to: '2026-02-01' };
    expect(unwrap(await cloud.costs(conn, range))).toEqual(unwrap(await cloud.costs(conn, range)));
  });

  it.each([
    ['a malformed day', { from: '2026-3-1', to: '2026-03-02' }],
    ['a day that does not exist', { from: '2026-02-30', to: '2026-03-02' }],
    ['an inverted range', { from: '2026-03-02', to: '2026-03-01' }],
    ['more than 400 days', { from: '2025-01-01', to: '2026-03-01' }],
  ])('refuses %s', async (_label, range) => {
    const { cloud } = setup(false);
    expect(await cloud.costs(conn, range)).toEqual(failure('validation'));
  });

  it('splits intervals across days arithmetically, whatever their length', () => {
    const fromMs = Date.parse('2026-01-01T00:00:00Z');
    const lines = computeCosts(
      [
        {
          externalId: 'a',
          type: 'vm',
          region: 'r',
          hourlyUsd: 1,
          intervals: [
            [fromMs + 23 * 3_600_000, fromMs + 2 * DAY_MS + 3_600_000],
            [fromMs + 3 * DAY_MS, Infinity],
          ],
        },
      ],
      { fromMs, days: 5, nowMs: fromMs + 4 * DAY_MS + 12 * 3_600_000, variation: false },
    );
    expect(lines.map((l) => [l.day, l.amountUsd])).toEqual([
      ['2026-01-01', 1],
      ['2026-01-02', 24],
      ['2026-01-03', 1],
      ['2026-01-04', 24],
      ['2026-01-05', 12],
    ]);
  });

  it('draws the daily variation per resource and day, independently of order', () => {
    expect(dailyFactor('a', 20_000)).toBe(dailyFactor('a', 20_000));
    expect(dailyFactor('a', 20_000)).not.toBe(dailyFactor('b', 20_000));
  });
});
