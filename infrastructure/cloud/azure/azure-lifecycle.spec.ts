import nock from 'nock';
import { failure, unwrap } from '../../../test/support/results';
import { AzureCloudAdapter } from './azure-cloud.adapter';
import { COMPUTE_API, SUB, aConnection, arm, mockToken } from './fixtures/azure-test-kit';

const adapter = () => new AzureCloudAdapter({ maxRetries: 0 });
const VM_PATH = `/subscriptions/${SUB}/resourceGroups/rg-shop/providers/Microsoft.Compute/virtualMachines/web-1`;
const web1 = {
  externalId: `/subscriptions/${SUB}/resourcegroups/rg-shop/providers/microsoft.compute/virtualmachines/web-1`,
  region: 'westeurope',
  type: 'vm' as const,
};
const NIC = `/subscriptions/${SUB}/resourceGroups/rg-shop/providers/Microsoft.Network/networkInterfaces/web-2-nic`;
const SSH_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHk0aVZfV3JpdGVzQ29ja3BpdEZpeHR1cmVLZXk= ops@example.test';
/** ARM's answer to an accepted long-running operation: 202, and where to poll. */
const accepted = {
  'Azure-AsyncOperation': `https://management.azure.com/subscriptions/${SUB}/providers/Microsoft.Compute/locations/westeurope/operations/4c1e7a52-9d3b-4f60-8e2a-7b5c9d1f3e08?p=6d2a8f40-1b3c-4e5d-9f7a-2c4e6a8b0d1f&api-version=${COMPUTE_API}`,
  Location: `https://management.azure.com/subscriptions/${SUB}/providers/Microsoft.Compute/locations/westeurope/operations/4c1e7a52-9d3b-4f60-8e2a-7b5c9d1f3e08?p=6d2a8f40-1b3c-4e5d-9f7a-2c4e6a8b0d1f&monitor=true&api-version=${COMPUTE_API}`,
  'Retry-After': '10',
};

const unmatched: string[] = [];
const recordUnmatched = (request: { method?: string; path?: string }) =>
  unmatched.push(`${request.method} ${request.path}`);

beforeAll(() => {
  nock.disableNetConnect();
  nock.emitter.on('no match', recordUnmatched);
});
afterEach(async () => {
  // A poller that kept going after the first answer would show up here as an unexpected request.
  await new Promise((resolve) => setImmediate(resolve));
  expect(unmatched).toEqual([]);
  unmatched.length = 0;
  nock.cleanAll();
});
// restore: every spec file gets its own nock, and one left active would intercept under the next
afterAll(() => {
  nock.emitter.removeListener('no match', recordUnmatched);
  nock.enableNetConnect();
  nock.restore();
});

describe('AzureCloudAdapter lifecycle', () => {
  it.each([
    ['start', 'POST …/start', 'post', '/start', { state: 'running', providerState: 'starting' }],
    ['stop', 'POST …/deallocate', 'post', '/deallocate', { state: 'stopped', providerState: 'deallocating' }],
    ['terminate', 'DELETE on the VM', 'delete', '', { state: 'terminated', providerState: 'deleting' }],
  ] as const)(
    '%s sends %s and returns once ARM accepts it',
    async (action, _label, method, suffix, outcome) => {
      mockToken();
      const api = arm()
        [method](`${VM_PATH}${suffix}`)
        .query({ 'api-version': COMPUTE_API })
        .reply(202, '', accepted);

      const result = await adapter().act(aConnection(), web1, action);

      expect(unwrap(result)).toEqual(outcome);
      expect(api.isDone()).toBe(true);
    },
  );

  it('refuses a VM of another subscription rather than act on a namesake in this one', async () => {
    const result = await adapter().act(
      aConnection(),
      { ...web1, externalId: web1.externalId.replace(SUB, '00000000-0000-0000-0000-000000000000') },
      'stop',
    );

    expect(result).toEqual(failure('validation'));
  });

  it('refuses an id that is not a VM', async () => {
    const result = await adapter().act(
      aConnection(),
      {
        ...web1,
        externalId: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/s1`,
      },
      'terminate',
    );

    expect(result).toEqual(failure('validation'));
  });
});

describe('AzureCloudAdapter create', () => {
  const spec = {
    name: 'web-2',
    region: 'westeurope',
    type: 'vm' as const,
    size: 'Standard_B2s',
    image: 'Canonical:ubuntu-24_04-lts:server:latest',
    tags: {
      team: 'shop',
      resource_group: 'rg-shop',
      network_interface_id: NIC,
      ssh_public_key: SSH_KEY,
    },
  };

  it('PUTs a key-only Linux VM on the given NIC and reports it pending', async () => {
    mockToken();
    let sent: Record<string, unknown> = {};
    const api = arm()
      .put(
        `/subscriptions/${SUB}/resourceGroups/rg-shop/providers/Microsoft.Compute/virtualMachines/web-2`,
        (body) => {
          sent = body as Record<string, unknown>;
          return true;
        },
      )
      .query({ 'api-version': COMPUTE_API })
      .reply(201, (_uri, body) => ({ ...(body as object), properties: { provisioningState: 'Creating' } }), {
        'Azure-AsyncOperation': accepted['Azure-AsyncOperation'],
      });

    const created = unwrap(await adapter().create(aConnection(), spec));

    expect(api.isDone()).toBe(true);
    expect(sent).toEqual({
      location: 'westeurope',
      tags: { team: 'shop' },
      properties: {
        hardwareProfile: { vmSize: 'Standard_B2s' },
        storageProfile: {
          imageReference: {
            publisher: 'Canonical',
            offer: 'ubuntu-24_04-lts',
            sku: 'server',
            version: 'latest',
          },
          osDisk: { createOption: 'FromImage', deleteOption: 'Delete' },
        },
        osProfile: {
          computerName: 'web-2',
          adminUsername: 'azureuser',
          linuxConfiguration: {
            disablePasswordAuthentication: true,
            ssh: { publicKeys: [{ path: '/home/azureuser/.ssh/authorized_keys', keyData: SSH_KEY }] },
          },
        },
        networkProfile: { networkInterfaces: [{ id: NIC, properties: { primary: true } }] },
      },
    });
    expect(created).toEqual({
      externalId: `/subscriptions/${SUB}/resourcegroups/rg-shop/providers/microsoft.compute/virtualmachines/web-2`,
      name: 'web-2',
      region: 'westeurope',
      type: 'vm',
      size: 'Standard_B2s',
      state: 'pending',
      providerState: 'creating',
      tags: { team: 'shop' },
      costPerHour: null,
      config: { image: 'Canonical:ubuntu-24_04-lts:server:latest' },
      createdAt: null,
    });
  });

  it('names every missing piece, and sends nothing, when the spec cannot make a VM', async () => {
    const result = await adapter().create(aConnection(), {
      ...spec,
      image: undefined,
      tags: { team: 'shop' },
    });

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('validation');
    expect(result.error.fields.map((field) => field.path)).toEqual([
      'tags.resource_group',
      'tags.network_interface_id',
      'tags.ssh_public_key',
      'image',
    ]);
  });
});
