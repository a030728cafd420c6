import nock from 'nock';
import { failure, unwrap } from '../../../test/support/results';
import {
  ALT,
  PROJECT_PATH,
  aConnection,
  billing,
  compute,
  fixture,
  gcpAdapter,
  mockInventory,
} from './fixtures/gcp-test-kit';
import { type CatalogSku, skuRate } from './gcp-pricing';

const SKUS_PATH = '/v1/services/6F81-5844-456A/skus';
const CATALOG_QUERY = { currencyCode: 'USD', pageSize: '5000', ...ALT };
const page1 = fixture<{ skus: CatalogSku[]; nextPageToken: string }>('catalog-compute-skus-page-1.json');

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
// restore: every spec file gets its own nock, and one left active would intercept under the next
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

function mockCatalog(pages: 1 | 2): nock.Scope {
  const scope = billing().get(SKUS_PATH).query(CATALOG_QUERY).reply(200, page1);
  if (pages === 2) {
    scope
      .get(SKUS_PATH)
      .query({ ...CATALOG_QUERY, pageToken: page1.nextPageToken })
      .reply(200, fixture('catalog-compute-skus-page-2.json'));
  }
  return scope;
}

const line = (day: string, region: string, name: string, zone: string, amountUsd: number) => ({
  day,
  service: 'Compute Engine',
  region,
  externalId: `projects/acme-prod/zones/${zone}/instances/${name}`,
  amountUsd: expect.closeTo(amountUsd, 6),
  estimated: true,
});

describe('GcpCloudAdapter.costs', () => {
  it('estimates each running VM per day from catalog list prices, from its last start until now', async () => {
    mockInventory();
    const catalog = mockCatalog(2);

    const lines = unwrap(await gcpAdapter().costs(aConnection(), { from: '2024-05-28', to: '2024-06-05' }));

    catalog.done();
    // web-1, n1-standard-2 in us-central1: 2 vCPU × 0.031611 + 7.5 GiB × 0.004237 = 0.0949995 $/h,
    // running since its last start at 2024-05-30T13:00Z; "now" is 2024-06-02T12:00Z.
    // api-eu, n2-standard-4 in europe-west1 (Belgium prices on catalog page 2):
    // 4 × 0.034773 + 16 × 0.004661 = 0.213668 $/h, created 2024-05-31T22:30Z with no later start.
    // asia-cache has no asia-east1 price in the catalog and custom-1 is a custom shape: no lines.
    expect(lines).toEqual([
      line('2024-05-30', 'us-central1', 'web-1', 'us-central1-a', 11 * 0.0949995),
      line('2024-05-31', 'us-central1', 'web-1', 'us-central1-a', 24 * 0.0949995),
      line('2024-06-01', 'us-central1', 'web-1', 'us-central1-a', 24 * 0.0949995),
      line('2024-06-02', 'us-central1', 'web-1', 'us-central1-a', 12 * 0.0949995),
      line('2024-05-31', 'europe-west1', 'api-eu', 'europe-west1-c', 1.5 * 0.213668),
      line('2024-06-01', 'europe-west1', 'api-eu', 'europe-west1-c', 24 * 0.213668),
      line('2024-06-02', 'europe-west1', 'api-eu', 'europe-west1-c', 12 * 0.213668),
    ]);
  });

  it('clips the estimate to the requested days', async () => {
    mockInventory();
    mockCatalog(2);

    const lines = unwrap(await gcpAdapter().costs(aConnection(), { from: '2024-06-01', to: '2024-06-02' }));

    expect(lines.map((l) => [l.day, l.externalId?.split('/').pop()])).toEqual([
      ['2024-06-01', 'web-1'],
      ['2024-06-01', 'api-eu'],
    ]);
  });

  it('stops reading the catalog once every price it needs is known', async () => {
    mockInventory();
    const catalog = mockCatalog(1);

    const lines = unwrap(
      await gcpAdapter().costs(aConnection({ regions: ['us-central1'] }), {
        from: '2024-06-01',
        to: '2024-06-02',
      }),
    );

    catalog.done();
    expect(lines).toEqual([line('2024-06-01', 'us-central1', 'web-1', 'us-central1-a', 24 * 0.0949995)]);
  });

  it('asks the catalog nothing when no priceable VM is running', async () => {
    // us-east1 holds a REPAIRING e2-medium and a running custom shape only.
    mockInventory();

    const lines = unwrap(
      await gcpAdapter().costs(aConnection({ regions: ['us-east1'] }), {
        from: '2024-06-01',
        to: '2024-06-02',
      }),
    );

    expect(lines).toEqual([]);
  });

  it('refuses days that are not YYYY-MM-DD', async () => {
    const result = await gcpAdapter().costs(aConnection(), { from: '2024-6-1', to: '2024-06-02' });

    expect(result).toEqual(failure('validation'));
  });

  it('maps a refused catalog call to provider_auth_failed', async () => {
    mockInventory();
    billing().get(SKUS_PATH).query(true).reply(403, fixture('error-permission-denied.json'));

    const result = await gcpAdapter().costs(aConnection(), { from: '2024-06-01', to: '2024-06-02' });

    expect(result).toEqual(failure('unprocessable', 'provider_auth_failed'));
  });

  it('maps a failed instance listing to the same errors as the inventory', async () => {
    compute()
      .get(`${PROJECT_PATH}/aggregated/instances`)
      .query(true)
      .reply(429, { error: { code: 429, message: 'Rate Limit Exceeded' } });

    const result = await gcpAdapter().costs(aConnection(), { from: '2024-06-01', to: '2024-06-02' });

    expect(result).toEqual(failure('upstream', 'provider_unavailable'));
  });
});

describe('skuRate', () => {
  it('reads the on-demand N1/N2/E2 core and RAM SKUs and ignores spot, commitment, custom and sole-tenant ones', () => {
    const rates = page1.skus.map((sku) => [sku.description, skuRate(sku)?.usd ?? null]);

    expect(rates).toEqual([
      ['Spot Preemptible N1 Predefined Instance Core running in Americas', null],
      ['N1 Sole Tenancy Instance Core running in Americas', null],
      ['N2 Custom Instance Core running in Americas', null],
      ['Commitment v1: N2 Cpu in Americas for 1 Year', null],
      ['N1 Predefined Instance Core running in Americas', 0.031611],
      ['N1 Predefined Instance Ram running in Americas', 0.004237],
      ['E2 Instance Core running in Americas', 0.02181159],
      ['E2 Instance Ram running in Americas', 0.00292353],
      ['N2 Instance Core running in Americas', 0.031611],
      ['N2 Instance Ram running in Americas', 0.004237],
    ]);
  });

  it('adds whole units to nanos', () => {
    const sku: CatalogSku = {
      description: 'N2 Instance Core running in Sydney',
      category: { usageType: 'OnDemand' },
      serviceRegions: ['australia-southeast1'],
      pricingInfo: [
        {
          pricingExpression: {
            tieredRates: [{ unitPrice: { currencyCode: 'USD', units: '1', nanos: 250_000_000 } }],
          },
        },
      ],
    };

    expect(skuRate(sku)).toEqual({
      family: 'n2',
      part: 'core',
      regions: ['australia-southeast1'],
      usd: 1.25,
    });
  });
});
