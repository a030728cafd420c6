import { randomUUID } from 'node:crypto';
import { call, expectProblem } from '../support/http';
import { aStep, postSteps, startRun, tick } from '../support/runs';
import { type TenantFixture, createTenant } from '../support/tenant-fixture';
import { type TestApp, startTestApp } from '../support/test-app';
import { engines } from '../support/test-database';

describe.each(engines())('run queries (%s)', (engine) => {
  let app: TestApp;
  let acme: TenantFixture;
  let globex: TenantFixture;
  let otherProject: string;
  const runs: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp({ engine });
    acme = await createTenant(app, 'Acme');
    globex = await createTenant(app, 'Globex');
    otherProject = (
      await call(app, 'POST', '/v1/projects', { auth: acme.admin.token, body: { name: 'other' } })
    ).body.id;
    const specs: [string, Record<string, unknown>, Record<string, unknown>[], string?][] = [
      [
        'prod-ok',
        { tags: ['nightly'], metadata: { env: 'prod', release: '1.0', agent_version: 'a1' } },
        [aStep({ tool: 'search' }), aStep({ kind: 'model', tool: null, model: 'gpt-4o' })],
        'succeeded',
      ],
      [
        'prod-fail',
        { tags: ['nightly', 'eu'], metadata: { env: 'prod', release: '1.1' } },
        [aStep({ tool: 'refund' })],
        'failed',
      ],
      [
        'staging',
        { tags: ['eu'], metadata: { env: 'staging', release: '1.1', agent_version: 'a2' } },
        [aStep({ kind: 'model', tool: null, model: 'claude-haiku-4-5' })],
      ],
    ];
    for (const [name, body, steps, status] of specs) {
      const run = await startRun(app, acme.apiKey, { name, ...body });
      runs[name] = run.id;
      await postSteps(app, acme.apiKey, run.id, steps);
      if (status)
        await call(app, 'POST', `/v1/runs/${run.id}:finish`, { auth: acme.apiKey, body: { status } });
    }
    const elsewhere = await call(app, 'POST', '/v1/runs', {
      auth: acme.admin.token,
      body: { project_id: otherProject, name: 'other-project', started_at: tick() },
    });
    runs['other-project'] = elsewhere.body.id;
    runs.globex = (await startRun(app, globex.apiKey, { name: 'globex', tags: ['nightly'] })).id;
  });
  afterAll(async () => {
    await app?.close();
  });

  const names = async (query: string, auth = acme.members.viewer.token) => {
    const reply = await call(app, 'GET', `/v1/runs${query}`, { auth });
    expect(reply.status).toBe(200);
    return reply.body.items.map((r: { name: string }) => r.name);
  };

  it('lists the tenant’s runs newest first, never another tenant’s', async () => {
    expect(await names('')).toEqual(['other-project', 'staging', 'prod-fail', 'prod-ok']);
  });

  it.each([
    ['?status=failed', ['prod-fail']],
    ['?tool=refund', ['prod-fail']],
    ['?tool_name=search', ['prod-ok']],
    ['?model=gpt-4o', ['prod-ok']],
    ['?model_name=claude-haiku-4-5', ['staging']],
    ['?tag=eu', ['staging', 'prod-fail']],
    ['?tag=eu&tag=nightly', ['prod-fail']],
    ['?env=prod', ['prod-fail', 'prod-ok']],
    ['?release=1.1', ['staging', 'prod-fail']],
    ['?agent_version=a2', ['staging']],
    ['?status=running&env=staging', ['staging']],
  ])('filters with %s', async (query, expected) => {
    expect(await names(query)).toEqual(expected);
  });

  it('filters by project, and an API key only ever sees its own project', async () => {
    expect(await names(`?project_id=${otherProject}`)).toEqual(['other-project']);
    expect(await names('', acme.apiKey)).toEqual(['staging', 'prod-fail', 'prod-ok']);
    expect(await names(`?project_id=${otherProject}`, acme.apiKey)).toEqual([]);
  });

  it('filters by time range', async () => {
    const all = (await call(app, 'GET', '/v1/runs', { auth: acme.apiKey })).body.items;
    const staging = all.find((r: { name: string }) => r.name === 'staging');
    expect(await names(`?from=${encodeURIComponent(staging.started_at)}`, acme.apiKey)).toEqual(['staging']);
    expect(await names(`?to=${encodeURIComponent(staging.started_at)}`, acme.apiKey)).toEqual([
      'prod-fail',
      'prod-ok',
    ]);
  });

  it('pages with a stable keyset cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await call(app, 'GET', `/v1/runs${query}`, { auth: acme.members.viewer.token });
      seen.push(...page.body.items.map((r: { name: string }) => r.name));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(['other-project', 'staging', 'prod-fail', 'prod-ok']);
  });

  it('rejects bad filters and cursors with problem+json', async () => {
    expectProblem(
      await call(app, 'GET', '/v1/runs?status=exploded', { auth: acme.apiKey }),
      400,
      'validation',
    );
    expectProblem(
      await call(app, 'GET', '/v1/runs?cursor=nonsense', { auth: acme.apiKey }),
      400,
      'validation',
    );
    expectProblem(
      await call(app, 'GET', '/v1/runs?payload=secret', { auth: acme.apiKey }),
      400,
      'validation',
    );
    expectProblem(
      await call(app, 'GET', '/v1/runs?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', {
        auth: acme.apiKey,
      }),
      400,
    );
  });

  it("shows a run's totals, and 404 for another tenant or project", async () => {
    const detail = await call(app, 'GET', `/v1/runs/${runs['prod-ok']}`, { auth: acme.members.viewer.token });
    expect(detail.body).toMatchObject({
      name: 'prod-ok',
      status: 'succeeded',
      step_count: 2,
      tool_count: 1,
      models: ['gpt-4o'],
      tools: ['search'],
    });
    expectProblem(await call(app, 'GET', `/v1/runs/${runs.globex}`, { auth: acme.admin.token }), 404);
    expectProblem(await call(app, 'GET', `/v1/runs/${runs['other-project']}`, { auth: acme.apiKey }), 404);
    expectProblem(await call(app, 'GET', `/v1/runs/${runs.globex}/steps`, { auth: acme.admin.token }), 404);
    expectProblem(
      await call(app, 'POST', `/v1/runs/${runs.globex}:finish`, {
        auth: acme.admin.token,
        body: { status: 'failed' },
      }),
      404,
    );
    expectProblem(await call(app, 'GET', `/v1/runs/${randomUUID()}`, { auth: acme.admin.token }), 404);
  });

  describe('the timeline', () => {
    let runId: string;
    const ids: string[] = [];

    beforeAll(async () => {
      runId = (await startRun(app, acme.apiKey, { name: 'tree' })).id;
      const root = aStep({ id: 'root', kind: 'custom', name: 'agent', tool: null });
      const llm = aStep({ id: 'llm', parent_id: 'root', kind: 'model', tool: null, model: 'gpt-4o' });
      const toolA = aStep({ id: 'tool-a', parent_id: 'llm' });
      const toolB = aStep({ id: 'tool-b', parent_id: 'root' });
      const orphan = aStep({ id: 'orphan', parent_id: 'missing' });
      const loopA = aStep({ id: 'loop-a', parent_id: 'loop-b' });
      const loopB = aStep({ id: 'loop-b', parent_id: 'loop-a' });
      // sent out of order, across two batches
      await postSteps(app, acme.apiKey, runId, [toolB, orphan, loopA]);
      await postSteps(app, acme.apiKey, runId, [root, loopB, toolA, llm]);
      ids.push(...[root, llm, toolA, toolB, orphan, loopA, loopB].map((s) => s.id as string));
    });

    it('lists steps in start order, page by page', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/v1/runs/${runId}/steps?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await call(app, 'GET', url, { auth: acme.apiKey });
        seen.push(...page.body.items.map((s: { id: string }) => s.id));
        cursor = page.body.next_cursor;
      } while (cursor);
      expect(seen).toEqual(ids); // start order, not arrival order
    });

    it('nests steps under their parents, keeping orphans and cycles visible as roots', async () => {
      const tree = await call(app, 'GET', `/v1/runs/${runId}/steps?view=tree`, { auth: acme.apiKey });
      const shape = (nodes: { id: string; children: unknown[] }[]): unknown =>
        nodes.map((n) => (n.children.length ? { [n.id]: shape(n.children as never) } : n.id));
      expect(shape(tree.body.items)).toEqual([
        { root: [{ llm: ['tool-a'] }, 'tool-b'] },
        'orphan',
        'loop-a',
        'loop-b',
      ]);
      expect(tree.body.next_cursor).toBeNull();
    });
  });
});
