import { call } from '../support/http';
import { type TenantFixture, createTenant } from '../support/tenant-fixture';
import { type TestApp, startTestApp } from '../support/test-app';
import { type Socket, connect, quiet } from '../support/ws';

describe('live events over WebSocket', () => {
  let app: TestApp;
  let ws: string;
  let acme: TenantFixture;
  let globex: TenantFixture;
  const open: Socket[] = [];
  const socket = (query: string) => {
    const s = connect(`${ws}/v1/ws${query}`);
    open.push(s);
    return s;
  };

  beforeAll(async () => {
    app = await startTestApp();
    ws = (await app.listen()).replace('http', 'ws');
    acme = await createTenant(app, 'Acme');
    globex = await createTenant(app, 'Globex');
  });
  afterEach(() => open.splice(0).forEach((s) => s.ws.terminate()));
  afterAll(async () => {
    await app?.close();
  });

  it('authenticates with a token in the query and joins the tenant room', async () => {
    const s = socket(`?token=${acme.admin.token}`);
    expect(await s.next('ready')).toMatchObject({ tenant_id: acme.tenantId, role: 'admin' });
    expect(app.cockpit.gateway.roomSize(acme.tenantId)).toBe(1);
  });

  it('authenticates with a first auth message', async () => {
    const s = socket('');
    s.ws.on('open', () => s.ws.send(JSON.stringify({ type: 'auth', token: acme.members.viewer.token })));
    expect(await s.next('ready')).toMatchObject({ role: 'viewer' });
  });

  it('closes the connection on a bad token (4401)', async () => {
    const s = socket('?token=not-a-token');
    expect((await s.closed).code).toBe(4401);
  });

  it('closes the connection when the first message is not an auth message', async () => {
    const s = socket('');
    s.ws.on('open', () => s.ws.send(JSON.stringify({ type: 'subscribe', topics: [] })));
    expect((await s.closed).code).toBe(4401);
  });

  it('delivers a tenant’s events to that tenant only', async () => {
    const mine = socket(`?token=${acme.members.viewer.token}`);
    const theirs = socket(`?token=${globex.admin.token}`);
    await mine.next('ready');
    await theirs.next('ready');
    const created = await call(app, 'POST', '/v1/projects', {
      auth: acme.admin.token,
      body: { name: 'live' },
    });
    const event = await mine.next('project.created');
    expect(event).toMatchObject({ type: 'event', data: { project_id: created.body.id, name: 'live' } });
    await quiet(300);
    expect(theirs.messages.filter((m) => m.type === 'event')).toEqual([]);
  });

  it('narrows delivery to subscribed topics', async () => {
    const s = socket(`?token=${acme.admin.token}`);
    await s.next('ready');
    s.ws.send(JSON.stringify({ type: 'subscribe', topics: [`project:${acme.projectId}`] }));
    await s.next('subscribed');
    await call(app, 'POST', '/v1/projects', { auth: acme.admin.token, body: { name: 'elsewhere' } });
    await call(app, 'POST', `/v1/projects/${acme.projectId}/api-keys`, {
      auth: acme.admin.token,
      body: { name: 'watched' },
    });
    expect(await s.next('api_key.created')).toMatchObject({ data: { project_id: acme.projectId } });
    expect(s.messages.find((m) => m.event === 'project.created')).toBeUndefined();
  });

  it('shows an API key only the events of its own project', async () => {
    const s = socket(`?token=${acme.apiKey}`);
    await s.next('ready');
    await call(app, 'POST', '/v1/projects', { auth: acme.admin.token, body: { name: 'not-for-keys' } });
    await call(app, 'POST', `/v1/projects/${acme.projectId}/api-keys`, {
      auth: acme.admin.token,
      body: { name: 'for-keys' },
    });
    expect(await s.next('api_key.created')).toMatchObject({ data: { project_id: acme.projectId } });
    expect(s.messages.find((m) => m.event === 'project.created')).toBeUndefined();
  });

  it('refuses upgrades on other paths', async () => {
    const s = connect(`${ws}/somewhere-else`);
    open.push(s);
    expect((await s.closed).code).not.toBe(1000);
  });
});
