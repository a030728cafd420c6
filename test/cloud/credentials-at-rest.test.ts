import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { call, expectProblem } from '../support/http';
import { type TenantFixture, createTenant } from '../support/tenant-fixture';
import { type TestApp, startTestApp } from '../support/test-app';
import { engines } from '../support/test-database';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY';
const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';

/**
 * A local stand-in for the EC2 (query protocol, XML) and Cost Explorer (JSON 1.1) endpoints, so the
 * real AWS SDK inside the product connects and syncs through its own wire format. Every request
 * is kept, to prove the SDK signed with the credentials it was given.
 */
function fakeAws(): { server: Server; requests: { action: string; authorization: string }[] } {
  const requests: { action: string; authorization: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const target = req.headers['x-amz-target'];
      const authorization = String(req.headers.authorization ?? '');
      if (typeof target === 'string') {
        requests.push({ action: target, authorization });
        const answer = target.endsWith('GetRightsizingRecommendation')
          ? { RightsizingRecommendations: [] }
          : { ResultsByTime: [], DimensionValueAttributes: [] };
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(answer));
        return;
      }
      const action = new URLSearchParams(body).get('Action') ?? 'Unknown';
      requests.push({ action, authorization });
      const inner =
        action === 'DescribeRegions'
          ? '<regionInfo><item><regionName>eu-west-1</regionName><regionEndpoint>ec2.eu-west-1.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item></regionInfo>'
          : action === 'DescribeSecurityGroups'
            ? '<securityGroupInfo><item><ownerId>123456789012</ownerId><groupId>sg-1</groupId><groupName>default</groupName><ipPermissions/><ipPermissionsEgress/></item></securityGroupInfo>'
            : '';
      res
        .writeHead(200, { 'content-type': 'text/xml;charset=UTF-8' })
        .end(
          `<?xml version="1.0" encoding="UTF-8"?><${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId>${inner}</${action}Response>`,
        );
    });
  });
  return { server, requests };
}

describe.each(engines())('cloud credentials at rest on %s', (engine) => {
  let app: TestApp;
  let acme: TenantFixture;
  const aws = fakeAws();

  beforeAll(async () => {
    await new Promise<void>((resolve) => aws.server.listen(0, '127.0.0.1', resolve));
    app = await startTestApp({ engine, env: { COCKPIT_LOG_LEVEL: 'debug' } });
    acme = await createTenant(app, 'Acme');
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await new Promise<void>((resolve) => aws.server.close(() => resolve()));
  });

  it('connects AWS through the real SDK, and the secret is in no response, log line or database row', async () => {
    const endpoint = `http://127.0.0.1:${(aws.server.address() as AddressInfo).port}`;
    const connected = await call(app, 'POST', '/v1/providers', {
      auth: acme.admin.token,
      body: {
        kind: 'aws',
        name: 'aws-prod',
        regions: ['eu-west-1'],
        credentials: { access_key_id: ACCESS_KEY, secret_access_key: SECRET, endpoint },
      },
    });
    expect(connected.status).toBe(201);
    expect(connected.body).toMatchObject({
      kind: 'aws',
      status: 'connected',
      credentials: { access_key_id: '****MPLE', secret_access_key: '****', endpoint },
      sync: expect.objectContaining({ status: 'succeeded' }),
    });
    // the SDK signed its calls with the key it was given (SigV4 names the access key id)
    expect(aws.requests.map((r) => r.action)).toEqual(
      expect.arrayContaining(['DescribeRegions', 'DescribeInstances']),
    );
    expect(aws.requests.every((r) => r.authorization.includes(`Credential=${ACCESS_KEY}/`))).toBe(true);

    const responses = [
      JSON.stringify(connected.body),
      JSON.stringify((await call(app, 'GET', '/v1/providers', { auth: acme.admin.token })).body),
      JSON.stringify((await call(app, 'GET', '/v1/audit?limit=500', { auth: acme.admin.token })).body),
    ];
    for (const text of responses) expect(text).not.toContain(SECRET);
    expect(app.logs.join('\n')).not.toContain(SECRET);

    const ds = app.cockpit.runtime.db.dataSource;
    const tables: { table_name: string }[] = await ds.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    );
    for (const { table_name: table } of tables) {
      const rows: { row: string }[] = await ds.query(`SELECT t::text AS row FROM "${table}" t`);
      for (const { row } of rows) expect(row).not.toContain(SECRET);
    }
    const stored: { credential_key_id: string; credentials_sealed: string }[] = await ds.query(
      'SELECT credential_key_id, credentials_sealed FROM cloud_providers WHERE id = $1',
      [connected.body.id],
    );
    expect(stored[0]!.credentials_sealed).toMatch(/^v1\./);
    expect(stored[0]!.credential_key_id).toBe(connected.body.credential_key_id);
  });

  it('does not store credentials that the cloud rejects', async () => {
    const refused = createServer((_req, res) => {
      res
        .writeHead(401, { 'content-type': 'text/xml' })
        .end(
          '<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>AuthFailure</Code><Message>AWS was not able to validate the provided access credentials</Message></Error></Errors><RequestID>r</RequestID></Response>',
        );
    });
    await new Promise<void>((resolve) => refused.listen(0, '127.0.0.1', resolve));
    try {
      const reply = await call(app, 'POST', '/v1/providers', {
        auth: acme.admin.token,
        body: {
          kind: 'aws',
          name: 'aws-bad',
          credentials: {
            access_key_id: ACCESS_KEY,
            secret_access_key: SECRET,
            endpoint: `http://127.0.0.1:${(refused.address() as AddressInfo).port}`,
          },
        },
      });
      expectProblem(reply, 422, 'provider-auth-failed');
      expect(JSON.stringify(reply.body)).not.toContain(SECRET);
      const names = (await call(app, 'GET', '/v1/providers', { auth: acme.admin.token })).body.items.map(
        (p: { name: string }) => p.name,
      );
      expect(names).not.toContain('aws-bad');
    } finally {
      await new Promise<void>((resolve) => refused.close(() => resolve()));
    }
  });
});
