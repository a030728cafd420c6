import nock from 'nock';
import { failure, unwrap } from '../../../test/support/results';
import { AzureCloudAdapter } from './azure-cloud.adapter';
import { encodeCursor } from './azure-inventory';
import {
  COMPUTE_API,
  SUB,
  TENANT,
  VMS_PATH,
  aConnection,
  arm,
  armError,
  fixture,
  mockToken,
} from './fixtures/azure-test-kit';

const adapter = () => new AzureCloudAdapter({ maxRetries: 0 });
const vmId = (rg: string, name: string) =>
  `/subscriptions/${SUB}/resourcegroups/${rg}/providers/microsoft.compute/virtualmachines/${name}`;
const withoutNextLink = (name: string) => ({ ...fixture<object>(name), nextLink: undefined });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
// restore: every spec file gets its own nock, and one left active would intercept under the next
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

describe('AzureCloudAdapter inventory', () => {
  it('walks the VM listing page by page, joining power states from the status listing', async () => {
    const token = mockToken(1);
    const api = arm()
      .get(VMS_PATH)
      .query({ 'api-version': COMPUTE_API })
      .reply(200, fixture('vms-page-1.json'))
      .get(VMS_PATH)
      .query({ 'api-version': COMPUTE_API, statusOnly: 'true' })
      .reply(200, fixture('vm-statuses-page-1.json'))
      .get(VMS_PATH)
      .query({ 'api-version': COMPUTE_API, $skiptoken: 'c2tpcHRva2VuLXZtcy0y' })
      .reply(200, fixture('vms-page-2.json'))
      .get(VMS_PATH)
      .query({ 'api-version': COMPUTE_API, statusOnly: 'true', $skiptoken: 'c2tpcHRva2VuLXN0YXR1cy0y' })
      .reply(200, fixture('vm-statuses-page-2.json'));
    const azure = adapter();

    const first = unwrap(await azure.listResources(aConnection(), null));
    expect(first.nextPageToken).toEqual(expect.any(String));
    const second = unwrap(await azure.listResources(aConnection(), first.nextPageToken));

    expect(second.nextPageToken).toBeNull();
    expect(first.items).toEqual([
      {
        externalId: vmId('rg-shop', 'web-1'),
        name: 'web-1',
        region: 'westeurope',
        type: 'vm',
        size: 'Standard_D2s_v5',
        state: 'running',
        providerState: 'running',
        tags: { env: 'prod', team: 'shop' },
        costPerHour: null,
        config: { diskEncrypted: true, image: 'Canonical:ubuntu-24_04-lts:server:latest' },
        createdAt: new Date('2026-03-02T09:14:51.4421193+00:00'),
      },
      expect.objectContaining({
        externalId: vmId('rg-data', 'db-1'),
        region: 'eastus',
        state: 'stopped',
        providerState: 'deallocated',
        config: {
          diskEncrypted: true,
          image: `/subscriptions/${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/golden/images/postgres/versions/1.4.0`,
        },
      }),
    ]);
    // batch-1's status arrived with the first status page and was carried in the token, not re-read.
    expect(second.items).toEqual([
      expect.objectContaining({ name: 'batch-1', state: 'pending', providerState: 'creating' }),
      expect.objectContaining({
        name: 'legacy-1',
        state: 'stopped',
        providerState: 'stopping',
        // An unmanaged VHD's encryption belongs to its storage account, which the VM does not show.
        config: { image: 'OpenLogic:CentOS:7.5:latest' },
      }),
    ]);
    expect(api.isDone()).toBe(true);
    expect(token.isDone()).toBe(true);
  });

  it('lists only the regions the connection chose, whatever their spelling', async () => {
    mockToken();
    arm()
      .get(VMS_PATH)
      .query({ 'api-version': COMPUTE_API })
      .reply(200, withoutNextLink('vms-page-1.json'))
      .get(VMS_PATH)
      .query({ 'api-version': COMPUTE_API, statusOnly: 'true' })
      .reply(200, fixture('vm-statuses-page-1.json'));

    const page = unwrap(await adapter().listResources(aConnection({ regions: ['West Europe'] }), null));

    expect(page.items.map((item) => item.name)).toEqual(['web-1']);
    expect(page.nextPageToken).toBeNull();
  });

  it('asks for the instance view of a VM that the status listing lacks', async () => {
    mockToken();
    const api = arm()
      .get(VMS_PATH)
      .query({ 'api-version': COMPUTE_API })
      .reply(200, withoutNextLink('vms-page-1.json'))
      .get(VMS_PATH)
      .query({ 'api-version': COMPUTE_API, statusOnly: 'true' })
      .reply(200, { value: [fixture<{ value: unknown[] }>('vm-statuses-page-1.json').value[0]] })
      .get(
        `/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.Compute/virtualMachines/db-1/instanceView`,
      )
      .query({ 'api-version': COMPUTE_API })
      .reply(200, fixture('vm-instance-view.json'));

    const page = unwrap(await adapter().listResources(aConnection(), null));

    expect(page.items.map((item) => [item.name, item.state, item.providerState])).toEqual([
      ['web-1', 'running', 'running'],
      ['db-1', 'running', 'starting'],
    ]);
    expect(api.isDone()).toBe(true);
  });

  it('reports a VM deleted between the two listings as terminated', async () => {
    mockToken();
    arm()
      .get(VMS_PATH)
      .query({ 'api-version': COMPUTE_API })
      .reply(200, withoutNextLink('vms-page-1.json'))
      .get(VMS_PATH)
      .query({ 'api-version': COMPUTE_API, statusOnly: 'true' })
      .reply(200, { value: [fixture<{ value: unknown[] }>('vm-statuses-page-1.json').value[0]] })
      .get(/\/virtualMachines\/db-1\/instanceView/)
      .query(true)
      .reply(404, armError('resourceNotFound'));

    const page = unwrap(await adapter().listResources(aConnection(), null));

    expect(page.items[1]).toEqual(
      expect.objectContaining({ name: 'db-1', state: 'terminated', providerState: 'deleted' }),
    );
  });

  it.each([
    ['a token it did not issue', 'not-a-token'],
    [
      'a token whose link leads to another host',
      encodeCursor({
        vms: `https://attacker.example${VMS_PATH}?a=1`,
        statuses: null,
        statusesDone: false,
        ahead: {},
      }),
    ],
    [
      'a token whose link lists another subscription',
      encodeCursor({
        vms: 'https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Compute/virtualMachines',
        statuses: null,
        statusesDone: false,
        ahead: {},
      }),
    ],
  ])('refuses %s without sending anything', async (_label, pageToken) => {
    const result = await adapter().listResources(aConnection(), pageToken);

    expect(result).toEqual(failure('validation'));
  });
});

describe('AzureCloudAdapter connection test', () => {
  it('names the subscription and the regions its VMs run in', async () => {
    mockToken();
    arm()
      .get(VMS_PATH)
      .query({ 'api-version': COMPUTE_API, statusOnly: 'true' })
      .reply(200, fixture('vm-statuses-page-1.json'));

    const info = unwrap(await adapter().testConnection(aConnection()));

    expect(info).toEqual({ account: SUB, regions: ['eastus', 'westeurope'] });
  });

  it('keeps the regions the user chose', async () => {
    mockToken();
    arm().get(VMS_PATH).query(true).reply(200, { value: [] });

    const info = unwrap(await adapter().testConnection(aConnection({ regions: ['northeurope'] })));

    expect(info.regions).toEqual(['northeurope']);
  });

  it('sends ARM calls to the endpoint the credentials name', async () => {
    mockToken();
    const proxy = arm('https://arm.internal.example').get(VMS_PATH).query(true).reply(200, { value: [] });

    const result = await adapter().testConnection(
      aConnection({ credentials: { endpoint: 'https://arm.internal.example/' } }),
    );

    expect(result.ok).toBe(true);
    expect(proxy.isDone()).toBe(true);
  });
});

describe('AzureCloudAdapter tokens', () => {
  it('asks a sovereign cloud’s authority for a token for that cloud’s ARM', async () => {
    const token = nock('https://login.chinacloudapi.cn')
      .post(
        `/${TENANT}/oauth2/v2.0/token`,
        (body: Record<string, string>) => body.scope === 'https://management.chinacloudapi.cn/.default',
      )
      .reply(200, fixture('token.json'));
    arm('https://management.chinacloudapi.cn').get(VMS_PATH).query(true).reply(200, { value: [] });

    const result = await adapter().testConnection(
      aConnection({
        credentials: {
          endpoint: 'https://management.chinacloudapi.cn',
          authority_host: 'https://login.chinacloudapi.cn',
        },
      }),
    );

    expect(result.ok).toBe(true);
    expect(token.isDone()).toBe(true);
  });

  it('asks Entra ID for one token however many calls follow', async () => {
    const token = mockToken(1);
    arm().get(VMS_PATH).query(true).times(3).reply(200, { value: [] });
    const azure = adapter();

    for (let i = 0; i < 3; i += 1) expect((await azure.testConnection(aConnection())).ok).toBe(true);

    expect(token.isDone()).toBe(true);
  });

  it('asks for a fresh token once the cached one nears expiry', async () => {
    const token = mockToken(2);
    arm().get(VMS_PATH).query(true).times(2).reply(200, { value: [] });
    let now = Date.parse('2026-11-23T10:00:00Z');
    const azure = new AzureCloudAdapter({ maxRetries: 0, clock: () => now });

    await azure.testConnection(aConnection());
    now += 56 * 60_000; // the token lives 3599 s; the last five minutes are not used
    await azure.testConnection(aConnection());

    expect(token.isDone()).toBe(true);
  });

  it('does not lend one secret’s token to another secret of the same app', async () => {
    mockToken(1);
    arm().get(VMS_PATH).query(true).reply(200, { value: [] });
    nock('https://login.microsoftonline.com')
      .post(`/${TENANT}/oauth2/v2.0/token`)
      .reply(401, fixture('token-invalid-client.json'));
    const azure = adapter();

    expect((await azure.testConnection(aConnection())).ok).toBe(true);
    const other = await azure.testConnection(
      aConnection({ credentials: { client_secret: 'a-revoked-secret-value' } }),
    );

    expect(other).toEqual(failure('unprocessable', 'provider_auth_failed'));
  });
});

describe('AzureCloudAdapter right-sizing', () => {
  it('has no advice to give, since Azure Advisor is out of reach', async () => {
    expect(unwrap(await adapter().rightsizing(aConnection()))).toEqual([]);
  });
});
