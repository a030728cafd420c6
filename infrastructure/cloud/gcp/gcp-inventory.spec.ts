import nock from 'nock';
import { type DiscoveredResource } from '../../../domain/cloud/ports/cloud.port';
import { failure, unwrap } from '../../../test/support/results';
import {
  ALT,
  PROJECT_PATH,
  aConnection,
  compute,
  fixture,
  gcpAdapter,
  mockFirewalls,
  mockInventory,
} from './fixtures/gcp-test-kit';

const PAGE_2_TOKEN = fixture<{ nextPageToken: string }>('instances-aggregated-page-1.json').nextPageToken;

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
// restore: every spec file gets its own nock, and one left active would intercept under the next
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

async function wholeInventory(regions: string[] = []): Promise<DiscoveredResource[]> {
  const gcp = gcpAdapter();
  const first = unwrap(await gcp.listResources(aConnection({ regions }), null));
  expect(first.nextPageToken).toBe(PAGE_2_TOKEN);
  const second = unwrap(await gcp.listResources(aConnection({ regions }), first.nextPageToken));
  expect(second.nextPageToken).toBeNull();
  return [...first.items, ...second.items];
}

const byName = (items: readonly DiscoveredResource[], name: string) => items.find((i) => i.name === name)!;

describe('GcpCloudAdapter.listResources', () => {
  it("pages through instances.aggregatedList 100 at a time, passing GCP's nextPageToken back", async () => {
    const instances = mockInventory();
    const firewalls = mockFirewalls(2);

    const items = await wholeInventory();

    instances.done();
    firewalls.done();
    expect(items.map((i) => i.name)).toEqual([
      'web-1',
      'batch-1',
      'eu-worker',
      'api-eu',
      'db-1',
      'legacy',
      'asia-cache',
      'repair-1',
      'custom-1',
      'fresh-1',
    ]);
  });

  it('maps GCP statuses to inventory states, reading TERMINATED as stopped', async () => {
    mockInventory();
    mockFirewalls(2);

    const items = await wholeInventory();

    expect(Object.fromEntries(items.map((i) => [i.name, [i.state, i.providerState]]))).toEqual({
      'web-1': ['running', 'RUNNING'],
      'batch-1': ['stopped', 'TERMINATED'],
      'eu-worker': ['pending', 'STAGING'],
      'api-eu': ['running', 'RUNNING'],
      'db-1': ['stopped', 'STOPPING'],
      legacy: ['stopped', 'SUSPENDED'],
      'asia-cache': ['running', 'RUNNING'],
      'repair-1': ['running', 'REPAIRING'],
      'custom-1': ['running', 'RUNNING'],
      'fresh-1': ['pending', 'PROVISIONING'],
    });
  });

  it('identifies an instance by its relative name and maps size, labels, public IP and protection', async () => {
    mockInventory();
    mockFirewalls(2);

    const items = await wholeInventory();

    expect(byName(items, 'web-1')).toEqual({
      externalId: 'projects/acme-prod/zones/us-central1-a/instances/web-1',
      name: 'web-1',
      region: 'us-central1',
      type: 'vm',
      size: 'n1-standard-2',
      state: 'running',
      providerState: 'RUNNING',
      tags: { env: 'prod', team: 'web' },
      costPerHour: null,
      config: expect.objectContaining({
        publicIp: '34.66.10.20',
        terminationProtection: true,
        diskEncrypted: true,
        cpus: 2,
        memoryGb: 7.5,
      }),
      createdAt: new Date('2024-03-04T17:15:22.512Z'),
    });
    expect(byName(items, 'batch-1').config).toEqual(
      expect.objectContaining({ publicIp: null, terminationProtection: false, cpus: 4, memoryGb: 16 }),
    );
    expect(byName(items, 'fresh-1').config).toEqual(expect.objectContaining({ cpus: 2, memoryGb: 1 }));
  });

  it('flattens the enabled INGRESS allow rules whose network and targets match each instance', async () => {
    mockInventory();
    mockFirewalls(2);

    const items = await wholeInventory();

    const internal = [
      { port: 0, toPort: 65535, protocol: 'tcp', cidr: '10.128.0.0/9' },
      { port: 0, toPort: 65535, protocol: 'udp', cidr: '10.128.0.0/9' },
      { port: 0, toPort: 0, protocol: 'icmp', cidr: '10.128.0.0/9' },
    ];
    const ssh = { port: 22, toPort: 22, protocol: 'tcp', cidr: '0.0.0.0/0' };
    // web-1 carries the http-server and app tags; the RDP rule is disabled, the 9000 rule targets
    // another service account, the 5432 rule has only source tags, egress and staging rules do not apply.
    expect(byName(items, 'web-1').config.ingress).toEqual([
      ...internal,
      ssh,
      { port: 80, toPort: 80, protocol: 'tcp', cidr: '0.0.0.0/0' },
      { port: 8000, toPort: 8080, protocol: 'tcp', cidr: '0.0.0.0/0' },
      { port: 8443, toPort: 8443, protocol: 'tcp', cidr: '0.0.0.0/0' },
      { port: 8000, toPort: 8080, protocol: 'tcp', cidr: '203.0.113.0/24' },
      { port: 8443, toPort: 8443, protocol: 'tcp', cidr: '203.0.113.0/24' },
    ]);
    expect(byName(items, 'batch-1').config.ingress).toEqual([...internal, ssh]);
    // db-1 sits on the staging network: only that network's rule reaches it.
    expect(byName(items, 'db-1').config.ingress).toEqual([
      { port: 0, toPort: 65535, protocol: 'all', cidr: '0.0.0.0/0' },
    ]);
  });

  it("keeps only instances in the connection's regions", async () => {
    mockInventory();
    mockFirewalls(2);

    const items = await wholeInventory(['us-central1', 'europe-west1']);

    expect(items.map((i) => [i.name, i.region])).toEqual([
      ['web-1', 'us-central1'],
      ['batch-1', 'us-central1'],
      ['eu-worker', 'europe-west1'],
      ['api-eu', 'europe-west1'],
      ['db-1', 'us-central1'],
      ['fresh-1', 'us-central1'],
    ]);
  });

  it('leaves ingress unknown, not empty, when the credentials may not list firewalls', async () => {
    compute()
      .get(`${PROJECT_PATH}/aggregated/instances`)
      .query({ maxResults: '100', ...ALT })
      .reply(200, fixture('instances-aggregated-page-1.json'));
    compute()
      .get(`${PROJECT_PATH}/global/firewalls`)
      .query(ALT)
      .reply(403, fixture('error-permission-denied.json'));

    const page = unwrap(await gcpAdapter().listResources(aConnection(), null));

    expect(page.items).toHaveLength(3);
    expect(page.items.every((i) => i.config.ingress === undefined)).toBe(true);
    expect(byName(page.items, 'web-1').config.publicIp).toBe('34.66.10.20');
  });

  it('reports a Compute outage as provider_unavailable', async () => {
    compute()
      .get(`${PROJECT_PATH}/aggregated/instances`)
      .query(true)
      .reply(503, fixture('error-unavailable.json'));
    mockFirewalls();

    const result = await gcpAdapter().listResources(aConnection(), null);

    expect(result).toEqual(failure('upstream', 'provider_unavailable'));
    expect(!result.ok && result.error.message).toContain('The service is currently unavailable.');
  });
});
