import { call } from '../support/http';
import { aStep, postSteps, startRun } from '../support/runs';
import { type TenantFixture, createTenant } from '../support/tenant-fixture';
import { type TestApp, startTestApp } from '../support/test-app';
import { type Socket, connect, quiet } from '../support/ws';

describe('live run events over WebSocket', () => {
  let app: TestApp;
  let ws: string;
  let acme: TenantFixture;
  let globex: TenantFixture;
  const sockets: Socket[] = [];
  const open = async (token: string, topics?: string[]) => {
    const s = connect(`${ws}/v1/ws?token=${token}`);
    sockets.push(s);
    await s.next('ready');
    if (topics) {
      s.ws.send(JSON.stringify({ type: 'subscribe', topics }));
      await s.next('subscribed');
    }
    return s;
  };

  beforeAll(async () => {
    app = await startTestApp();
    ws = (await app.listen()).replace('http', 'ws');
    acme = await createTenant(app, 'Acme');
    globex = await createTenant(app, 'Globex');
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.ws.terminate()));
  afterAll(async () => {
    await app?.close();
  });

  it('streams the steps and status changes of a subscribed run as they land', async () => {
    const run = await startRun(app, acme.apiKey);
    const watcher = await open(acme.members.viewer.token, [`run:${run.id}`]);
    const step = aStep({ input: { note: 'mail me at jane@example.com' } });
    await postSteps(app, acme.apiKey, run.id, [step]);
    const appended = await watcher.next('run.steps_appended');
    expect(appended.data).toMatchObject({
      run_id: run.id,
      steps: [expect.objectContaining({ id: step.id, kind: 'tool' })],
    });
    await call(app, 'POST', `/v1/runs/${run.id}:finish`, {
      auth: acme.apiKey,
      body: { status: 'succeeded' },
    });
    expect((await watcher.next('run.finished')).data).toMatchObject({ run_id: run.id, status: 'succeeded' });
  });

  it('streams every run of a subscribed project, and nothing of other runs', async () => {
    const watcher = await open(acme.admin.token, [`project:${acme.projectId}`]);
    const run = await startRun(app, acme.apiKey);
    expect((await watcher.next('run.created')).data).toMatchObject({ run_id: run.id });
    const elsewhere = await open(acme.admin.token, [`run:${run.id}`]);
    const other = await startRun(app, acme.apiKey);
    await postSteps(app, acme.apiKey, other.id, [aStep()]);
    await quiet(300);
    expect(elsewhere.messages.filter((m) => m.type === 'event')).toEqual([]);
  });

  it('never sends a run event to another tenant', async () => {
    const intruder = await open(globex.admin.token);
    const run = await startRun(app, acme.apiKey);
    await postSteps(app, acme.apiKey, run.id, [aStep()]);
    await quiet(300);
    expect(intruder.messages.filter((m) => m.type === 'event')).toEqual([]);
  });
});
