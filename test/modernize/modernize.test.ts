import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Task } from '@a2a-js/sdk';
import { ClientFactory } from '@a2a-js/sdk/client';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { textMessage } from '../support/a2a';
import { call, expectProblem, freePort, login } from '../support/http';
import { type TenantFixture, createTenant } from '../support/tenant-fixture';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type TestApp, startTestApp } from '../support/test-app';

const SAMPLES = join(__dirname, '..', '..', 'samples');

/**
 * The "done when": the shipped sample inventory is imported, "plan and execute wave 1" is
 * given to the EPA, and the six stages run on the demo tenant's simulated cloud through the agent
 * hierarchy, on the in-process runner and (with Redis) on BullMQ; the run is in the timeline; A2A
 * and MCP clients drive it.
 */
const executors: [string, Record<string, string>][] = [['in-process runner on PGlite', {}]];
if (process.env.REDIS_URL && process.env.TEST_DATABASE_URL) {
  executors.push([
    'BullMQ on Redis and PostgreSQL',
    {
      REDIS_URL: process.env.REDIS_URL,
      COCKPIT_WORKFLOW_EXECUTOR: 'bullmq',
      COCKPIT_QUEUE_PREFIX: `cockpit-test-${randomUUID().slice(0, 8)}`,
    },
  ]);
}

describe.each(executors)('Modernize end to end: %s', (label, env) => {
  let app: TestApp;
  let base: string;
  let token: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = await startTestApp({
      engine: label.startsWith('BullMQ') ? 'postgres' : 'pglite',
      env: { ...env, COCKPIT_PUBLIC_URL: base },
    });
    await app.cockpit.app.listen({ port, host: '127.0.0.1' });
    app.url = base;
    token = (await login(app, ADMIN_EMAIL, ADMIN_PASSWORD)).access_token;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const get = (path: string) => call(app, 'GET', path, { auth: token });
  const importCsv = (csv: string, auth = token) =>
    call(app, 'POST', '/v1/migrations/inventory', {
      auth,
      rawBody: csv,
      headers: { 'content-type': 'text/csv' },
    });
  const waitFor = async (path: string, done: (body: any) => boolean, timeoutMs = 150_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reply = await get(path);
      expect(reply.status).toBe(200);
      if (done(reply.body)) return reply.body;
      if (Date.now() > deadline)
        throw new Error(`timed out on ${path}: ${JSON.stringify(reply.body).slice(0, 2000)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  };

  it('imports the sample inventory, reporting each bad line and keeping the good rows', async () => {
    const csv = readFileSync(join(SAMPLES, 'inventory.csv'), 'utf8');
    const imported = await importCsv(csv);
    expect(imported.status).toBe(200);
    expect(imported.body.imported).toBeGreaterThanOrEqual(50);
    expect(imported.body.errors.map((e: { line: number }) => e.line)).toEqual([22, 43, 59]);
    expect(imported.body.errors[0].reason).toEqual(expect.any(String));

    const workloads = await get('/v1/workloads?limit=500');
    expect(workloads.body.items).toHaveLength(imported.body.imported);
    expect(workloads.body.items.some((w: any) => w.dependencies?.length > 0)).toBe(true);

    expectProblem(await importCsv('name,cpu\n,abc\n'), 400);
  });

  it('lists the hierarchy: EPA over six L2 specialists with their permissions', async () => {
    const agents = await get('/v1/agents');
    expect(agents.status).toBe(200);
    const byCode = Object.fromEntries(agents.body.items.map((a: any) => [a.code, a]));
    expect(Object.keys(byCode).sort()).toEqual(['DOA', 'EPA', 'FIA', 'GA', 'MVA', 'PMA', 'RSA']);
    expect(byCode.EPA.level).toBe('L3');
    expect(byCode.DOA).toMatchObject({ level: 'L2', reports_to: 'EPA' });
    expect(byCode.DOA.permissions).toContain('migration.execute_workload');
    expect(byCode.FIA.permissions).not.toContain('migration.execute_workload');
    expectProblem(await get('/v1/agents/NOPE'), 404);
  });

  it('plans and executes wave 1 through the agents: six stages on the simulated cloud, recorded as a run', async () => {
    const started = await call(app, 'POST', '/v1/goals', {
      auth: token,
      body: { goal: 'plan and execute wave 1' },
    });
    expect(started.status).toBe(201);
    expect(started.body.plan.goal).toBe('run_wave');
    const workflowId = started.body.workflow.id;
    const runId = started.body.run_id;

    const goal = await waitFor(`/v1/workflows/${workflowId}`, (w) => w.status !== 'running');
    expect(goal).toMatchObject({ status: 'succeeded', run_id: runId });

    const migrations = await get('/v1/migrations?wave=1');
    expect(migrations.body.items).toHaveLength(1);
    const migration = (await get(`/v1/migrations/${migrations.body.items[0].id}`)).body;
    expect(migration).toMatchObject({ wave: 1, status: 'succeeded', stage: 'complete' });
    expect(migration.stages).toEqual(['assess', 'plan', 'execute', 'validate', 'cutover', 'complete']);
    expect(migration.workloads.length).toBeGreaterThan(0);
    expect(migration.tco).not.toBeNull();
    const rehosted = migration.workloads.filter((w: any) => w.target_resource_id);
    expect(rehosted.length).toBeGreaterThan(0);
    for (const w of migration.workloads) expect(w.state).toBe('cut_over');
    for (const w of rehosted) {
      const resource = await get(`/v1/resources/${w.target_resource_id}`);
      expect(resource.body).toMatchObject({ state: 'running' });
    }

    const pipeline = (await get(`/v1/workflows/${migration.workflow_id}`)).body;
    expect(pipeline.status).toBe('succeeded');
    const executes = pipeline.nodes.filter((n: any) => n.key.includes('execute'));
    expect(executes.length).toBe(migration.workloads.length);

    const run = await get(`/v1/runs/${runId}`);
    expect(run.body).toMatchObject({ status: 'succeeded' });
    const steps = await get(`/v1/runs/${runId}/steps?limit=1000`);
    const names = steps.body.items.map((s: any) => `${s.kind}:${s.name}`);
    expect(names.some((n: string) => n.startsWith('custom:plan'))).toBe(true);
    expect(names.some((n: string) => /DOA\.L1/.test(n))).toBe(true);
    for (const action of [
      'migration.assess',
      'migration.plan_wave',
      'migration.execute_workload',
      'migration.validate',
      'migration.cutover',
      'migration.complete',
    ]) {
      expect(steps.body.items.some((s: any) => s.kind === 'tool' && s.tool === action)).toBe(true);
    }
  }, 300_000);

  it('refuses bad input with problem+json, writes to Viewers, and hides one tenant from another', async () => {
    const other: TenantFixture = await createTenant(app, `Other ${label.slice(0, 6)}`);
    const viewer = other.members.viewer.token;
    const developer = other.members.developer.token;
    const as = (auth: string, method: string, path: string, body?: unknown) =>
      call(app, method, path, { auth, body });

    expectProblem(await as(developer, 'POST', '/v1/goals', {}), 400);
    expectProblem(await as(developer, 'POST', '/v1/goals', { goal: 'bake a cake' }), 400);
    expectProblem(await as(developer, 'POST', '/v1/migrations', { wave: 0 }), 400);
    expectProblem(await as(developer, 'POST', '/v1/migrations/assess', { workload_ids: ['x'] }), 400);
    expectProblem(await as(developer, 'GET', '/v1/migrations/waves?max_wave_size=0'), 400);
    expectProblem(await as(developer, 'GET', '/v1/workloads/not-a-uuid'), 400);

    expectProblem(await as(viewer, 'POST', '/v1/goals', { goal: 'cost review' }), 403);
    expectProblem(await as(viewer, 'POST', '/v1/migrations', { wave: 1 }), 403);
    expectProblem(await as(viewer, 'POST', '/v1/migrations/assess', {}), 403);
    expectProblem(await importCsv('name\nweb-1\n', viewer), 403);

    // the demo tenant's migration, workloads and workflows do not exist for another tenant
    const migration = (await get('/v1/migrations?wave=1')).body.items[0];
    const workload = (await get('/v1/workloads?limit=1')).body.items[0];
    expectProblem(await as(developer, 'GET', `/v1/migrations/${migration.id}`), 404);
    expectProblem(await as(developer, 'POST', `/v1/migrations/${migration.id}:retry`), 404);
    expectProblem(await as(developer, 'POST', `/v1/migrations/${migration.id}:rollback`, {}), 404);
    expectProblem(await as(developer, 'GET', `/v1/workloads/${workload.id}`), 404);
    expectProblem(await as(developer, 'GET', `/v1/workflows/${migration.workflow_id}`), 404);
    expect((await as(viewer, 'GET', '/v1/workloads')).body.items).toEqual([]);
    expect((await as(viewer, 'GET', '/v1/migrations')).body.items).toEqual([]);
  }, 60_000);

  it('serves A2A cards and starts a goal from an A2A SendMessage', async () => {
    const factory = new ClientFactory();
    const epa = await factory.createFromUrl(base);
    const card = await epa.getAgentCard();
    expect(card.name).toMatch(/Executive Planning/);
    const doa = await (await factory.createFromUrl(`${base}/a2a/DOA/`)).getAgentCard();
    expect(doa.skills.length).toBeGreaterThan(0);

    const auth = { serviceParameters: { Authorization: `Bearer ${token}` } };
    const result = (await epa.sendMessage(textMessage('cost review'), auth)) as Task;
    expect(result.id).toEqual(expect.any(String));
    const workflow = await waitFor(`/v1/workflows/${result.id}`, (w) => w.status !== 'running');
    expect(workflow.status).toBe('succeeded');
    const task = await epa.getTask({ tenant: '', id: result.id, historyLength: undefined }, auth);
    expect(task.status?.state).toBeDefined();
    await expect(epa.sendMessage(textMessage('cost review'))).rejects.toThrow();
  }, 120_000);

  it('lets an MCP client plan waves and read the agents', async () => {
    const client = new Client({ name: 'cockpit-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${base}/mcp/agent-service`), {
        requestInit: { headers: { authorization: `Bearer ${token}` } },
      }),
    );
    try {
      const tools = (await client.listTools()).tools.map((t) => t.name);
      expect(tools).toEqual(
        expect.arrayContaining(['start_goal', 'get_workflow', 'import_inventory', 'plan_waves']),
      );
      const waves = await client.callTool({ name: 'plan_waves', arguments: {} });
      expect(waves.isError).toBeFalsy();
      expect((waves.structuredContent as any).waves.length).toBeGreaterThan(0);
      const bad = await client.callTool({ name: 'start_goal', arguments: { goal: 'bake a cake' } });
      expect(bad.isError).toBe(true);
      const prompt = await client.getPrompt({ name: 'plan_migration', arguments: {} });
      expect(JSON.stringify(prompt.messages)).toContain('Wave 1');
    } finally {
      await client.close();
    }
  }, 60_000);
});
