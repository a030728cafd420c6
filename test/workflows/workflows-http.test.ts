import { randomUUID } from 'node:crypto';
import { type TenantActor } from '../../application/shared/actor';
import { Workflows } from '../../application/workflows/workflows';
import { asTenantId } from '../../domain/shared/tenant-id';
import { type NodeSpec } from '../../domain/workflows/workflow';
import { call, expectProblem } from '../support/http';
import { type TenantFixture, createTenant } from '../support/tenant-fixture';
import { type TestApp, startTestApp } from '../support/test-app';
import { type Socket, connect } from '../support/ws';

describe('workflows over HTTP and WebSocket', () => {
  let app: TestApp;
  let acme: TenantFixture;
  let globex: TenantFixture;

  beforeAll(async () => {
    app = await startTestApp();
    await app.listen();
    acme = await createTenant(app, 'Acme');
    globex = await createTenant(app, 'Globex');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const developer = (): TenantActor => ({
    kind: 'user',
    userId: acme.members.developer.userId,
    email: acme.members.developer.email,
    sessionId: randomUUID(),
    tenantId: asTenantId(acme.tenantId),
    role: 'developer',
    isOperator: false,
  });
  const start = async (nodes: NodeSpec[]) => {
    const started = await app.cockpit.app.get(Workflows).start(developer(), {
      name: 'http test',
      kind: 'http-test',
      projectId: acme.projectId,
      input: { from: 'test' },
      nodes,
    });
    if (!started.ok) throw new Error(started.error.message);
    return started.value.id;
  };
  const get = (auth: string, path: string) => call(app, 'GET', path, { auth });
  const post = (auth: string, path: string) => call(app, 'POST', path, { auth });
  const finished = async (id: string) => {
    for (let i = 0; i < 200; i++) {
      const reply = await get(acme.members.viewer.token, `/v1/workflows/${id}`);
      if (reply.body.status !== 'running') return reply.body;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the workflow did not finish');
  };

  it('shows node states, timings and outputs, and streams progress to the tenant', async () => {
    const socket: Socket = connect(`${app.url.replace('http', 'ws')}/v1/ws?token=${acme.admin.token}`);
    await socket.next('ready');
    const id = await start([
      { key: 'wait', type: 'delay', needs: [], input: { ms: 50 } },
      { key: 'echo', type: 'noop', needs: ['wait'], input: { hello: 'world' } },
    ]);
    const updated = await socket.next('workflow.node_updated');
    expect(updated.topics).toEqual([`workflow:${id}`, `project:${acme.projectId}`]);
    expect(updated.data).toMatchObject({ workflow_id: id, kind: 'http-test', node: { key: 'wait' } });
    const done = await socket.next('workflow.finished');
    expect(done.data).toMatchObject({ workflow_id: id, status: 'succeeded' });
    socket.ws.terminate();

    const view = await get(acme.members.viewer.token, `/v1/workflows/${id}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      id,
      kind: 'http-test',
      status: 'succeeded',
      project_id: acme.projectId,
      input: { from: 'test' },
      progress: { succeeded: 2, total: 2 },
    });
    expect(view.body.nodes[1]).toMatchObject({
      key: 'echo',
      needs: ['wait'],
      status: 'succeeded',
      attempts: 1,
      max_attempts: 3,
      output: { hello: 'world' },
      error: null,
    });
    expect(view.body.nodes[0].duration_ms).toBeGreaterThanOrEqual(50);
    expect(view.body.nodes[0].worker_id).toMatch(/:\d+:/);

    const listed = await get(acme.members.viewer.token, '/v1/workflows?kind=http-test&limit=1');
    expect(listed.status).toBe(200);
    expect(listed.body.items[0]).toMatchObject({ id, progress: { succeeded: 2, total: 2 }, nodes: [] });
    expect((await get(acme.apiKey, `/v1/workflows/${id}`)).status).toBe(200);
    expectProblem(await get(globex.admin.token, `/v1/workflows/${id}`), 404);
    expect((await get(globex.admin.token, '/v1/workflows')).body.items).toEqual([]);
  });

  it('cancels a running workflow for developers only, then retries it from its unfinished nodes', async () => {
    const id = await start([
      { key: 'first', type: 'noop', needs: [], input: {} },
      { key: 'long', type: 'delay', needs: ['first'], input: { ms: 400 } },
      { key: 'last', type: 'noop', needs: ['long'], input: {} },
    ]);
    expectProblem(await post(acme.members.viewer.token, `/v1/workflows/${id}:cancel`), 403);
    const cancelled = await post(acme.members.developer.token, `/v1/workflows/${id}:cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      error: `cancelled by ${acme.members.developer.email}`,
    });
    const stopped = await finished(id);
    expect(stopped.nodes.find((n: { key: string }) => n.key === 'last').status).toBe('cancelled');

    const retried = await post(acme.members.developer.token, `/v1/workflows/${id}:retry`);
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('running');
    const done = await finished(id);
    expect(done.status).toBe('succeeded');
    expect(done.nodes.map((n: { status: string }) => n.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    expectProblem(await post(acme.members.developer.token, `/v1/workflows/${id}:retry`), 409);
    expectProblem(await post(acme.members.developer.token, `/v1/workflows/${id}:cancel`), 409);
    expectProblem(await post(acme.members.developer.token, `/v1/workflows/${randomUUID()}:cancel`), 404);
    expectProblem(await get(acme.members.viewer.token, '/v1/workflows/not-a-uuid'), 400);
  });
});
