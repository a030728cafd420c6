import nock from 'nock';
import { type Result } from '../../../domain/shared/result';
import { failure } from '../../../test/support/results';
import { AzureCloudAdapter } from './azure-cloud.adapter';
import {
  CLIENT_SECRET,
  COMPUTE_API,
  LOGIN,
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
const web1 = {
  externalId: `/subscriptions/${SUB}/resourceGroups/rg-shop/providers/Microsoft.Compute/virtualMachines/web-1`,
  region: 'westeurope',
  type: 'vm' as const,
};
const tokenEndpoint = () => nock(LOGIN).post(`/${TENANT}/oauth2/v2.0/token`);
const listing = () => arm().get(VMS_PATH).query(true);

function expectNoSecret(result: Result<unknown>): void {
  expect(JSON.stringify(result)).not.toContain(CLIENT_SECRET);
  if (!result.ok) expect(result.error.message).not.toContain(CLIENT_SECRET);
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
// restore: every spec file gets its own nock, and one left active would intercept under the next
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

describe('Azure token errors', () => {
  it('reports a refused secret as rejected credentials, with Entra ID’s reason and no trace ids', async () => {
    tokenEndpoint().reply(401, fixture('token-invalid-client.json'));

    const result = await adapter().testConnection(aConnection());

    expect(result).toEqual(failure('unprocessable', 'provider_auth_failed'));
    expect(!result.ok && result.error.message).toBe(
      'Azure rejected the credentials: AADSTS7000215: Invalid client secret provided. Ensure the secret being sent ' +
        "in the request is the client secret value, not the client secret ID, for a secret added to app '6a2e4c8b-1d3f-4a5b-8c7d-9e0f1a2b3c4d'.",
    );
    expectNoSecret(result);
  });

  it('masks the secret even if Entra ID were to echo it back', async () => {
    tokenEndpoint().reply(400, {
      error: 'invalid_request',
      error_description: `AADSTS90002: Tenant not found for secret ${CLIENT_SECRET}.`,
    });

    const result = await adapter().testConnection(aConnection());

    expect(result).toEqual(failure('unprocessable', 'provider_auth_failed'));
    expect(!result.ok && result.error.message).toContain('****');
    expectNoSecret(result);
  });

  it.each([
    ['a 503 from the token endpoint', () => tokenEndpoint().reply(503, 'Service Unavailable')],
    [
      'an unreachable token endpoint',
      () => tokenEndpoint().replyWithError({ code: 'ECONNRESET', message: 'socket hang up' }),
    ],
  ])('reports %s as Azure being unavailable', async (_label, arrange) => {
    arrange();

    const result = await adapter().testConnection(aConnection());

    expect(result).toEqual(failure('upstream', 'provider_unavailable'));
    expectNoSecret(result);
  });
});

describe('Azure Resource Manager errors', () => {
  it.each([
    [401, 'invalidAuthenticationToken', 'unprocessable', 'provider_auth_failed'],
    [403, 'authorizationFailed', 'unprocessable', 'provider_auth_failed'],
    [429, 'tooManyRequests', 'upstream', 'provider_unavailable'],
    [500, 'internalError', 'upstream', 'provider_unavailable'],
  ] as const)('maps a %s (%s) from the VM listing to %s', async (status, body, code, reason) => {
    mockToken();
    listing().reply(status, armError(body));

    const result = await adapter().listResources(aConnection(), null);

    expect(result).toEqual(failure(code, reason));
    expectNoSecret(result);
  });

  it('tells the user which permission the service principal lacks', async () => {
    mockToken();
    listing().reply(403, armError('authorizationFailed'));

    const result = await adapter().testConnection(aConnection());

    expect(!result.ok && result.error.message).toMatch(
      /^Azure rejected the credentials: .*does not have authorization to perform action 'Microsoft.Compute\/virtualMachines\/read'/,
    );
  });

  it('treats a subscription the principal cannot see as a credentials problem', async () => {
    mockToken();
    listing().reply(404, {
      error: { code: 'SubscriptionNotFound', message: `The subscription '${SUB}' could not be found.` },
    });

    expect(await adapter().testConnection(aConnection())).toEqual(
      failure('unprocessable', 'provider_auth_failed'),
    );
  });

  it('maps a VM that no longer exists to provider_not_found', async () => {
    mockToken();
    arm()
      .post(/\/virtualMachines\/web-1\/deallocate/)
      .query(true)
      .reply(404, armError('resourceNotFound'));

    expect(await adapter().act(aConnection(), web1, 'stop')).toEqual(
      failure('not_found', 'provider_not_found'),
    );
  });

  it('maps an operation the VM’s state forbids to a conflict', async () => {
    mockToken();
    arm()
      .post(/\/virtualMachines\/web-1\/start/)
      .query({ 'api-version': COMPUTE_API })
      .reply(409, armError('operationNotAllowed'));

    const result = await adapter().act(aConnection(), web1, 'start');

    expect(result).toEqual(failure('conflict', 'provider_rejected'));
    expect(!result.ok && result.error.message).toContain('marked for deletion');
  });

  it('maps a request ARM finds invalid to provider_rejected', async () => {
    mockToken();
    arm()
      .put(/\/virtualMachines\/web-2/)
      .query(true)
      .reply(400, {
        error: {
          code: 'InvalidParameter',
          message: "The value 'Standard_Z9' of parameter 'vmSize' is not allowed.",
          target: 'vmSize',
        },
      });

    const result = await adapter().create(aConnection(), {
      name: 'web-2',
      region: 'westeurope',
      type: 'vm',
      size: 'Standard_Z9',
      image: 'Canonical:ubuntu-24_04-lts:server:latest',
      tags: {
        resource_group: 'rg-shop',
        network_interface_id: `/subscriptions/${SUB}/resourceGroups/rg-shop/providers/Microsoft.Network/networkInterfaces/nic-2`,
        ssh_public_key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHk0aVZfV3JpdGVz',
      },
    });

    expect(result).toEqual(failure('unprocessable', 'provider_rejected'));
  });

  it('maps a dropped connection to Azure being unavailable', async () => {
    mockToken();
    listing().replyWithError('socket hang up');

    const result = await adapter().listResources(aConnection(), null);

    expect(result).toEqual(failure('upstream', 'provider_unavailable'));
    expectNoSecret(result);
  });
});

describe('Azure credential checks', () => {
  it.each([
    [
      'an http ARM endpoint, which would carry the bearer token in clear',
      { endpoint: 'http://localhost:8080' },
    ],
    ['an http authority, which would carry the secret in clear', { authority_host: 'http://login.example' }],
    ['a tenant that is not an id or domain', { tenant_id: '../../evil' }],
  ])('refuses %s before sending anything', async (_label, credentials) => {
    const result = await adapter().testConnection(aConnection({ credentials }));

    expect(result).toEqual(failure('validation'));
  });
});
