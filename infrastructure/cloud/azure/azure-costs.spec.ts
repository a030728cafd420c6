import nock from 'nock';
import { failure, unwrap } from '../../../test/support/results';
import { AzureCloudAdapter } from './azure-cloud.adapter';
import { SUB, aConnection, arm, fixture, mockToken } from './fixtures/azure-test-kit';

const adapter = () => new AzureCloudAdapter({ maxRetries: 0 });
const USAGE_PATH = `/subscriptions/${SUB}/providers/Microsoft.Consumption/usageDetails`;
const range = { from: '2026-11-20', to: '2026-11-22' };
const firstPageQuery = {
  'api-version': '2021-10-01',
  $filter: "properties/usageStart ge '2026-11-20' and properties/usageEnd lt '2026-11-22'",
  $expand: 'properties/meterDetails',
};
const webVm = `/subscriptions/${SUB}/resourcegroups/rg-shop/providers/microsoft.compute/virtualmachines/web-1`;

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
// restore: every spec file gets its own nock, and one left active would intercept under the next
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

describe('AzureCloudAdapter costs', () => {
  it('sums legacy usage lines per day, service, region and resource across pages', async () => {
    mockToken();
    const api = arm()
      .get(USAGE_PATH)
      .query(firstPageQuery)
      .reply(200, fixture('usage-legacy-page-1.json'))
      .get(USAGE_PATH)
      .query((query) => query.$skiptoken === 'AQAAAA==')
      .reply(200, fixture('usage-legacy-page-2.json'));

    const lines = unwrap(await adapter().costs(aConnection(), range));

    expect(api.isDone()).toBe(true);
    // web-1's two lines of the 20th differ only in id casing and make one; the 22nd is outside the range.
    expect(lines).toEqual([
      {
        day: '2026-11-20',
        service: 'Storage',
        region: 'westeurope',
        externalId: expect.stringContaining('/disks/'),
        amountUsd: 0.175824,
        estimated: false,
      },
      {
        day: '2026-11-20',
        service: 'Virtual Machines',
        region: 'westeurope',
        externalId: webVm,
        amountUsd: 2.304,
        estimated: false,
      },
      {
        day: '2026-11-21',
        service: 'Virtual Machines',
        region: 'westeurope',
        externalId: webVm,
        amountUsd: 2.304,
        estimated: false,
      },
    ]);
  });

  it('takes the USD amount of modern lines and keeps resource-less charges global', async () => {
    mockToken();
    arm().get(USAGE_PATH).query(firstPageQuery).reply(200, fixture('usage-modern.json'));

    const lines = unwrap(await adapter().costs(aConnection(), range));

    expect(lines).toEqual([
      {
        day: '2026-11-20',
        service: 'Virtual Machines',
        region: 'westeurope',
        externalId: webVm,
        amountUsd: 2.304,
        estimated: false,
      },
      {
        day: '2026-11-20',
        service: 'Virtual Network',
        region: 'westeurope',
        externalId: `/subscriptions/${SUB}/resourcegroups/rg-shop/providers/microsoft.network/publicipaddresses/web-1-ip`,
        amountUsd: 0.12,
        estimated: false,
      },
      {
        day: '2026-11-21',
        service: 'Virtual Machines',
        region: 'global',
        externalId: null,
        amountUsd: 1.5,
        estimated: false,
      },
    ]);
  });

  it('fails rather than pass off legacy amounts billed in another currency as dollars', async () => {
    mockToken();
    arm().get(USAGE_PATH).query(true).reply(200, fixture('usage-legacy-eur.json'));

    const result = await adapter().costs(aConnection(), range);

    expect(result).toEqual(failure('unprocessable', 'provider_rejected'));
    expect(!result.ok && result.error.message).toContain('EUR');
  });

  it('refuses days that are not YYYY-MM-DD before they reach the filter', async () => {
    const result = await adapter().costs(aConnection(), { from: "2026-11-20' or 1 eq 1", to: '2026-11-22' });

    expect(result).toEqual(failure('validation'));
  });

  it('answers an empty range without calling Azure', async () => {
    expect(unwrap(await adapter().costs(aConnection(), { from: '2026-11-22', to: '2026-11-22' }))).toEqual(
      [],
    );
  });
});
