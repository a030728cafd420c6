import { verify } from 'node:crypto';
import nock from 'nock';
import { failure, unwrap } from '../../../test/support/results';
import {
  ACCESS_TOKEN,
  ALT,
  CLIENT_EMAIL,
  OAUTH,
  PROJECT,
  PROJECT_PATH,
  aConnection,
  compute,
  fixture,
  gcpAdapter,
  serviceAccountKey,
} from './fixtures/gcp-test-kit';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
// restore: every spec file gets its own nock, and one left active would intercept under the next
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

const keyConnection = (privateKey: string) =>
  aConnection({ credentials: { project_id: PROJECT, client_email: CLIENT_EMAIL, private_key: privateKey } });

describe('GcpCloudAdapter.testConnection', () => {
  it('reports the project and its regions, sending the access token as a bearer token', async () => {
    const api = compute()
      .get(`${PROJECT_PATH}/regions`)
      .query({ maxResults: '500', ...ALT })
      .reply(200, fixture('regions-list.json'));

    const info = unwrap(await gcpAdapter().testConnection(aConnection()));

    api.done();
    expect(info).toEqual({
      account: PROJECT,
      regions: ['asia-east1', 'europe-west1', 'us-central1', 'us-east1'],
    });
  });

  it('exchanges a JWT signed with the service-account key for a token at oauth2.googleapis.com', async () => {
    const { privateKey, publicKey } = serviceAccountKey();
    let assertion = '';
    const oauth = nock(OAUTH)
      .post('/token', (body: Record<string, string>) => {
        assertion = body.assertion;
        return body.grant_type === 'urn:ietf:params:oauth:grant-type:jwt-bearer';
      })
      .reply(200, { access_token: 'ya29.exchanged-token', expires_in: 3599, token_type: 'Bearer' });
    const api = compute('ya29.exchanged-token')
      .get(`${PROJECT_PATH}/regions`)
      .query(true)
      .reply(200, fixture('regions-list.json'));

    const info = unwrap(await gcpAdapter().testConnection(keyConnection(privateKey)));

    oauth.done();
    api.done();
    expect(info.account).toBe(PROJECT);
    const [header, claims, signature] = assertion.split('.');
    expect(
      verify(
        'RSA-SHA256',
        Buffer.from(`${header}.${claims}`),
        publicKey,
        Buffer.from(signature, 'base64url'),
      ),
    ).toBe(true);
    expect(JSON.parse(Buffer.from(claims, 'base64url').toString())).toEqual(
      expect.objectContaining({
        iss: CLIENT_EMAIL,
        aud: 'https://oauth2.googleapis.com/token',
        scope: 'https://www.googleapis.com/auth/cloud-platform',
      }),
    );
  });

  it('maps a refused token exchange to provider_auth_failed without revealing the key', async () => {
    const { privateKey } = serviceAccountKey();
    nock(OAUTH)
      .post('/token')
      .reply(400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });

    const result = await gcpAdapter().testConnection(keyConnection(privateKey));

    expect(result).toEqual(failure('unprocessable', 'provider_auth_failed'));
    const message = !result.ok ? result.error.message : '';
    expect(message).toBe('Google Cloud rejected the credentials: invalid_grant: Invalid JWT Signature.');
    expect(JSON.stringify(result)).not.toContain(privateKey.split('\n')[1]);
  });

  it('maps an unreadable private key to provider_auth_failed without echoing it', async () => {
    const garbage = '-----BEGIN PRIVATE KEY-----\nTm90QVJlYWxLZXlBdEFsbA==\n-----END PRIVATE KEY-----\n';

    const result = await gcpAdapter().testConnection(keyConnection(garbage));

    expect(result).toEqual(failure('unprocessable', 'provider_auth_failed'));
    expect(JSON.stringify(result)).not.toContain('Tm90QVJlYWxLZXlBdEFsbA');
  });

  it('maps a 401 to provider_auth_failed and scrubs the token even when the answer echoes it', async () => {
    const body = fixture<{ error: { message: string } }>('error-unauthenticated.json');
    body.error.message = `Request had invalid authentication credentials (Bearer ${ACCESS_TOKEN}).`;
    compute().get(`${PROJECT_PATH}/regions`).query(true).reply(401, body);

    const result = await gcpAdapter().testConnection(aConnection());

    expect(result).toEqual(failure('unprocessable', 'provider_auth_failed'));
    expect(!result.ok && result.error.message).toMatch(
      /^Google Cloud rejected the credentials: Request had invalid/,
    );
    expect(JSON.stringify(result)).not.toContain(ACCESS_TOKEN);
  });

  it('sends every call to the endpoint credential instead of googleapis.com', async () => {
    const local = compute(ACCESS_TOKEN, 'http://127.0.0.1:8089')
      .get(`${PROJECT_PATH}/regions`)
      .query(true)
      .reply(200, fixture('regions-list.json'));
    const connection = aConnection({
      credentials: { project_id: PROJECT, access_token: ACCESS_TOKEN, endpoint: 'http://127.0.0.1:8089' },
    });

    unwrap(await gcpAdapter().testConnection(connection));

    local.done();
  });
});

describe('GcpCloudAdapter.rightsizing', () => {
  it('offers no hints, since the Recommender API is not wired in', async () => {
    expect(unwrap(await gcpAdapter().rightsizing(aConnection()))).toEqual([]);
  });
});
