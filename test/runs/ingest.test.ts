import { randomUUID } from 'node:crypto';
import { call, expectProblem } from '../support/http';
import { aStep, postSteps, startRun, tick } from '../support/runs';
import { type TenantFixture, createTenant } from '../support/tenant-fixture';
import { type TestApp, startTestApp } from '../support/test-app';
import { engines } from '../support/test-database';

const SECRETS = {
  openai: 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd',
  aws: 'AKIAIOSFODNN7EXAMPLE',
  bearer: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ',
  cookie: 'session=9f8e7d6c5b4a39281706f5e4d3c2b1a0',
  email: 'jane.doe@example.com',
  card: '4111 1111 1111 1111',
};

describe.each(engines())('run ingest (%s)', (engine) => {
  let app: TestApp;
  let acme: TenantFixture;
  let globex: TenantFixture;

  beforeAll(async () => {
    app = await startTestApp({ engine });
    acme = await createTenant(app, 'Acme');
    globex = await createTenant(app, 'Globex');
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('POST /v1/runs', () => {
    it('starts a run in the project of the API key', async () => {
      const reply = await call(app, 'POST', '/v1/runs', {
        auth: acme.apiKey,
        body: { name: 'checkout', tags: ['nightly', 'eu'], metadata: { env: 'prod', release: '1.4.2' } },
      });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({
        status: 'running',
        project_id: acme.projectId,
        tenant_id: acme.tenantId,
        tags: ['eu', 'nightly'],
        metadata: { env: 'prod', release: '1.4.2' },
        step_count: 0,
      });
    });

    it('is idempotent on a client-chosen id', async () => {
      const id = randomUUID();
      const first = await call(app, 'POST', '/v1/runs', {
        auth: acme.apiKey,
        body: { id, name: 'retry me' },
      });
      const again = await call(app, 'POST', '/v1/runs', {
        auth: acme.apiKey,
        body: { id, name: 'retry me' },
      });
      expect([first.status, again.status]).toEqual([201, 200]);
      expect(again.body.id).toBe(id);
    });

    it('needs project_id with a user token, and refuses another tenant’s project', async () => {
      expectProblem(
        await call(app, 'POST', '/v1/runs', { auth: acme.members.developer.token, body: {} }),
        400,
        'validation',
      );
      const ok = await call(app, 'POST', '/v1/runs', {
        auth: acme.members.developer.token,
        body: { project_id: acme.projectId },
      });
      expect(ok.status).toBe(201);
      expectProblem(
        await call(app, 'POST', '/v1/runs', {
          auth: acme.members.developer.token,
          body: { project_id: globex.projectId },
        }),
        404,
      );
    });

    it('is refused to a viewer', async () => {
      expectProblem(
        await call(app, 'POST', '/v1/runs', {
          auth: acme.members.viewer.token,
          body: { project_id: acme.projectId },
        }),
        403,
      );
    });
  });

  describe('POST /v1/runs/{run_id}/steps', () => {
    it('never duplicates a step when the same batch is sent three times', async () => {
      const run = await startRun(app, acme.apiKey);
      const batch = [
        aStep(),
        aStep({
          kind: 'model',
          tool: undefined,
          model: 'gpt-4o',
          usage: { input_tokens: 100, output_tokens: 20 },
        }),
        aStep(),
      ];
      const replies = [];
      for (let i = 0; i < 3; i++) replies.push(await postSteps(app, acme.apiKey, run.id, batch));
      expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(replies[0]!.body.results.map((r: { status: string }) => r.status)).toEqual([
        'created',
        'created',
        'created',
      ]);
      expect(replies[2]!.body.results.map((r: { status: string }) => r.status)).toEqual([
        'duplicate',
        'duplicate',
        'duplicate',
      ]);
      const steps = await call(app, 'GET', `/v1/runs/${run.id}/steps`, { auth: acme.apiKey });
      expect(steps.body.items).toHaveLength(3);
      const detail = await call(app, 'GET', `/v1/runs/${run.id}`, { auth: acme.apiKey });
      expect(detail.body).toMatchObject({
        step_count: 3,
        tool_count: 2,
        usage: { input_tokens: 100, output_tokens: 20 },
        models: ['gpt-4o'],
        tools: ['search'],
      });
    });

    it('answers 207 for a batch with bad steps and stores the good ones', async () => {
      const run = await startRun(app, acme.apiKey);
      const good = aStep();
      const reply = await postSteps(app, acme.apiKey, run.id, [
        good,
        { id: 'bad-kind', kind: 'telepathy', started_at: tick() },
        { id: 'no-start', kind: 'tool' },
        { ...aStep(), unexpected: true },
        aStep({ ended_at: '2020-01-01T00:00:00Z' }),
        good,
      ]);
      expect(reply.status).toBe(207);
      expect(reply.body.created).toBe(1);
      expect(reply.body.results.map((r: { status: string; code: number }) => [r.status, r.code])).toEqual([
        ['created', 201],
        ['rejected', 400],
        ['rejected', 400],
        ['rejected', 400],
        ['rejected', 400],
        ['rejected', 409],
      ]);
      expect(reply.body.results[1].error.fields[0].path).toBe('kind');
      const steps = await call(app, 'GET', `/v1/runs/${run.id}/steps`, { auth: acme.apiKey });
      expect(steps.body.items.map((s: { id: string }) => s.id)).toEqual([good.id]);
    });

    it('limits the batch size', async () => {
      const run = await startRun(app, acme.apiKey);
      const reply = await postSteps(
        app,
        acme.apiKey,
        run.id,
        Array.from({ length: 1001 }, () => aStep()),
      );
      expectProblem(reply, 422, 'batch-too-large');
    });

    it("answers 404 for another tenant's run and for an unknown run", async () => {
      const run = await startRun(app, globex.apiKey);
      expectProblem(await postSteps(app, acme.apiKey, run.id, [aStep()]), 404);
      expectProblem(await postSteps(app, acme.apiKey, randomUUID(), [aStep()]), 404);
    });

    it('stores redacted payloads only: no secret reaches the database', async () => {
      const run = await startRun(app, acme.apiKey, { metadata: { owner: SECRETS.email } });
      const step = aStep({
        kind: 'tool',
        tool: 'http_request',
        input: {
          url: 'https://api.example.com/v1/orders',
          headers: { authorization: SECRETS.bearer, cookie: SECRETS.cookie, 'x-api-key': SECRETS.openai },
          body: { note: `Charge card ${SECRETS.card} and email ${SECRETS.email}`, aws_key: SECRETS.aws },
        },
        output: { status: 200, echoed_key: SECRETS.openai },
      });
      expect((await postSteps(app, acme.apiKey, run.id, [step])).status).toBe(200);

      const dump = await app.cockpit.runtime.db.run({ tenantId: acme.tenantId }, async (m) => {
        const steps = await m.query('SELECT row_to_json(s)::text AS row FROM steps s WHERE run_id = $1', [
          run.id,
        ]);
        const runs = await m.query('SELECT row_to_json(r)::text AS row FROM runs r WHERE id = $1', [run.id]);
        return [...steps, ...runs].map((r: { row: string }) => r.row).join('\n');
      });
      for (const [name, secret] of Object.entries(SECRETS)) {
        expect({ name, stored: dump.includes(secret) }).toEqual({ name, stored: false });
      }
      expect(dump).toContain('[REDACTED:');

      const stored = await call(app, 'GET', `/v1/runs/${run.id}/steps`, { auth: acme.apiKey });
      const view = stored.body.items[0];
      expect(view.redacted).toBe(true);
      expect(view.redactions).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            path: expect.stringMatching(/^input\.headers/),
            hash: expect.any(String),
          }),
        ]),
      );
      expect(view.input.url).toBe('https://api.example.com/v1/orders');
    });
  });

  describe('POST /v1/runs/{run_id}:finish', () => {
    it('is idempotent, and answers 409 to a conflicting finish', async () => {
      const run = await startRun(app, acme.apiKey);
      const endedAt = tick();
      const first = await call(app, 'POST', `/v1/runs/${run.id}:finish`, {
        auth: acme.apiKey,
        body: { status: 'succeeded', ended_at: endedAt },
      });
      const same = await call(app, 'POST', `/v1/runs/${run.id}:finish`, {
        auth: acme.apiKey,
        body: { status: 'succeeded', ended_at: endedAt },
      });
      expect([first.status, same.status]).toEqual([200, 200]);
      expect(same.body).toEqual(first.body);
      expect(first.body).toMatchObject({
        status: 'succeeded',
        ended_at: endedAt,
        duration_ms: expect.any(Number),
      });
      expectProblem(
        await call(app, 'POST', `/v1/runs/${run.id}:finish`, {
          auth: acme.apiKey,
          body: { status: 'failed' },
        }),
        409,
        'run-already-finished',
      );
      // a late step still lands; the status stays
      expect((await postSteps(app, acme.apiKey, run.id, [aStep()])).status).toBe(200);
      expect((await call(app, 'GET', `/v1/runs/${run.id}`, { auth: acme.apiKey })).body.status).toBe(
        'succeeded',
      );
    });

    it('validates the status', async () => {
      const run = await startRun(app, acme.apiKey);
      expectProblem(
        await call(app, 'POST', `/v1/runs/${run.id}:finish`, {
          auth: acme.apiKey,
          body: { status: 'running' },
        }),
        400,
      );
    });
  });

  describe('cost', () => {
    it('computes the cost of model steps from the price table, and lets a client cost win', async () => {
      const run = await startRun(app, acme.apiKey);
      const usage = { input_tokens: 1_000_000, output_tokens: 100_000 };
      await postSteps(app, acme.apiKey, run.id, [
        aStep({ kind: 'model', tool: undefined, model: 'claude-sonnet-4-5-20250929', usage }),
        aStep({ kind: 'model', tool: undefined, model: 'gpt-4o-mini', usage, cost_usd: 0.5 }),
        aStep({ kind: 'model', tool: undefined, model: 'local-llama', usage }),
      ]);
      const steps = (await call(app, 'GET', `/v1/runs/${run.id}/steps`, { auth: acme.apiKey })).body.items;
      expect(
        steps.map((s: { cost_usd: number | null; cost_source: string | null }) => [
          s.cost_usd,
          s.cost_source,
        ]),
      ).toEqual([
        [4.5, 'computed'],
        [0.5, 'client'],
        [null, null],
      ]);
      expect((await call(app, 'GET', `/v1/runs/${run.id}`, { auth: acme.apiKey })).body.cost_usd).toBeCloseTo(
        5.0,
        8,
      );
    });

    it('uses a tenant override of the price table for later steps', async () => {
      const created = await call(app, 'POST', '/v1/pricing/models', {
        auth: globex.admin.token,
        body: {
          pattern: 'local-llama*',
          input_usd_per_mtok: 0.2,
          output_usd_per_mtok: 0.4,
          effective_from: '2026-01-01T00:00:00Z',
        },
      });
      expect(created.status).toBe(201);
      const run = await startRun(app, globex.apiKey);
      await postSteps(app, globex.apiKey, run.id, [
        aStep({
          kind: 'model',
          tool: undefined,
          model: 'local-llama-3',
          usage: { input_tokens: 1_000_000, output_tokens: 1_000_000 },
        }),
      ]);
      expect(
        (await call(app, 'GET', `/v1/runs/${run.id}`, { auth: globex.apiKey })).body.cost_usd,
      ).toBeCloseTo(0.6, 8);
      const prices = await call(app, 'GET', '/v1/pricing/models', { auth: globex.members.viewer.token });
      expect(prices.body.items[0]).toMatchObject({ pattern: 'local-llama*', source: 'tenant' });
      // another tenant is not affected
      const acmePrices = await call(app, 'GET', '/v1/pricing/models', { auth: acme.members.viewer.token });
      expect(acmePrices.body.items.every((p: { source: string }) => p.source === 'default')).toBe(true);
      expectProblem(
        await call(app, 'POST', '/v1/pricing/models', {
          auth: globex.members.developer.token,
          body: { pattern: 'x', input_usd_per_mtok: 1, output_usd_per_mtok: 1 },
        }),
        403,
      );
    });
  });
});
