import { call, expectProblem } from '../support/http';
import { postSteps, startRun, tick } from '../support/runs';
import { type TenantFixture, createTenant } from '../support/tenant-fixture';
import { type TestApp, startTestApp } from '../support/test-app';
import { engines } from '../support/test-database';

/** A recorded agent: prompt, model call, two tool calls. `variant` changes exactly what a test needs. */
function agentSteps(
  prefix: string,
  variant: { temperature?: number; email?: string; extraTool?: boolean; refundAmount?: number } = {},
) {
  const steps: Record<string, unknown>[] = [
    {
      id: `${prefix}-prompt`,
      kind: 'prompt',
      name: 'system',
      started_at: tick(),
      input: { text: 'You are a refund agent.' },
    },
    {
      id: `${prefix}-llm`,
      kind: 'model',
      name: 'chat',
      model: 'gpt-4o',
      model_params: { temperature: variant.temperature ?? 0.2, max_tokens: 512 },
      started_at: tick(),
      input: {
        messages: [
          { role: 'user', content: `Refund order 42, customer ${variant.email ?? 'jane@example.com'}` },
        ],
      },
      output: { text: 'Looking it up.' },
      usage: { input_tokens: 100, output_tokens: 10 },
    },
    {
      id: `${prefix}-lookup`,
      kind: 'tool',
      name: 'lookup_order',
      tool: 'lookup_order',
      started_at: tick(),
      input: { order_id: 42 },
      output: { total: 19.9 },
    },
  ];
  if (variant.extraTool) {
    steps.push({
      id: `${prefix}-fraud`,
      kind: 'tool',
      name: 'fraud_check',
      tool: 'fraud_check',
      started_at: tick(),
      input: { order_id: 42 },
      output: { risk: 'low' },
    });
  }
  steps.push({
    id: `${prefix}-refund`,
    kind: 'tool',
    name: 'issue_refund',
    tool: 'issue_refund',
    started_at: tick(),
    input: { order_id: 42, amount: variant.refundAmount ?? 19.9 },
    output: { ok: true },
  });
  return steps;
}

describe.each(engines())('run diff (%s)', (engine) => {
  let app: TestApp;
  let acme: TenantFixture;
  let globex: TenantFixture;

  const record = async (
    tenant: TenantFixture,
    steps: Record<string, unknown>[],
    body: Record<string, unknown> = {},
  ) => {
    const run = await startRun(app, tenant.apiKey, body);
    expect((await postSteps(app, tenant.apiKey, run.id, steps)).status).toBe(200);
    return run.id;
  };
  const diff = (a: string, b: string, profile?: string, auth = acme.members.viewer.token) =>
    call(app, 'GET', `/v1/diff?runA=${a}&runB=${b}${profile ? `&profile=${profile}` : ''}`, { auth });

  beforeAll(async () => {
    app = await startTestApp({ engine });
    acme = await createTenant(app, 'Acme');
    globex = await createTenant(app, 'Globex');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('finds no change between two recordings of the same behaviour (ids and times are noise)', async () => {
    const a = await record(acme, agentSteps('a1'));
    const b = await record(acme, agentSteps('b1'));
    const reply = await diff(a, b);
    expect(reply.status).toBe(200);
    expect(reply.body.steps.map((s: { op: string }) => s.op)).toEqual(['same', 'same', 'same', 'same']);
    expect(reply.body.summary).toMatchObject({ same: 4, changed: 0, inserted: 0, deleted: 0 });
  });

  it('shows an inserted step as inserted, not as every later step changed', async () => {
    const a = await record(acme, agentSteps('a2'));
    const b = await record(acme, agentSteps('b2', { extraTool: true, refundAmount: 15 }));
    const reply = await diff(a, b);
    expect(reply.body.steps.map((s: { op: string }) => s.op)).toEqual([
      'same',
      'same',
      'same',
      'inserted',
      'changed',
    ]);
    const changed = reply.body.steps[4];
    expect(changed.changes).toEqual([expect.objectContaining({ path: 'input.amount', a: 19.9, b: 15 })]);
    expect(reply.body.categories.tools.changed).toBe(true);
    expect(reply.body.categories.model.changed).toBe(false);
    expect(reply.body.categories.prompt.changed).toBe(false);
  });

  it('reports model configuration and run metadata changes in their categories', async () => {
    const a = await record(acme, agentSteps('a3'), { tags: ['v1'], metadata: { release: '1.0' } });
    const b = await record(acme, agentSteps('b3', { temperature: 0.9 }), {
      tags: ['v2'],
      metadata: { release: '1.1' },
    });
    const reply = await diff(a, b);
    expect(reply.body.categories.model.changed).toBe(true);
    expect(JSON.stringify(reply.body.categories.model)).toContain('temperature');
    expect(reply.body.categories.metadata.changed).toBe(true);
    expect(JSON.stringify(reply.body.categories.metadata)).toContain('release');
  });

  it('tells a changed secret from an unchanged one by its hash, without the value', async () => {
    const a = await record(acme, agentSteps('a4', { email: 'jane@example.com' }));
    const same = await record(acme, agentSteps('b4', { email: 'jane@example.com' }));
    const other = await record(acme, agentSteps('c4', { email: 'john@example.com' }));
    expect((await diff(a, same)).body.summary).toMatchObject({ changed: 0 });
    const reply = await diff(a, other);
    const llm = reply.body.steps[1];
    expect(llm.op).toBe('changed');
    expect(llm.changes).toEqual([expect.objectContaining({ change: 'changed (redacted)', type: 'email' })]);
    expect(JSON.stringify(reply.body)).not.toMatch(/jane@|john@/);
  });

  it('gives byte-identical JSON whatever the storage order', async () => {
    const a = await record(acme, agentSteps('a5'));
    const steps = agentSteps('b5', { extraTool: true, temperature: 0.5 });
    const b = await record(acme, steps);
    const shuffled = await record(
      acme,
      [...steps].reverse().map((s) => ({ ...s, id: `r-${s.id as string}` })),
    );
    const first = await app.cockpit.app.inject({
      method: 'GET',
      url: `/v1/diff?runA=${a}&runB=${b}`,
      headers: { authorization: `Bearer ${acme.apiKey}` },
    });
    const again = await app.cockpit.app.inject({
      method: 'GET',
      url: `/v1/diff?runA=${a}&runB=${b}`,
      headers: { authorization: `Bearer ${acme.apiKey}` },
    });
    const reordered = await app.cockpit.app.inject({
      method: 'GET',
      url: `/v1/diff?runA=${a}&runB=${shuffled}`,
      headers: { authorization: `Bearer ${acme.apiKey}` },
    });
    expect(again.body).toBe(first.body);
    const withoutIdentity = (text: string) => {
      const parsed = JSON.parse(text);
      delete parsed.run_b;
      return JSON.stringify(parsed, (key, value) => (key === 'id' ? undefined : value));
    };
    expect(withoutIdentity(reordered.body)).toBe(withoutIdentity(first.body));
  });

  it('applies a tenant profile, validates its paths, and keeps it to the tenant', async () => {
    const a = await record(acme, agentSteps('a6'));
    const b = await record(acme, agentSteps('b6', { refundAmount: 12 }));
    expect((await diff(a, b)).body.summary.changed).toBe(1);
    const saved = await call(app, 'PUT', '/v1/diff-profiles/ignore-amounts', {
      auth: acme.admin.token,
      body: { ignore_paths: ['input.amount'], ignore_keys: [] },
    });
    expect(saved.status).toBe(200);
    expect((await diff(a, b, 'ignore-amounts')).body.summary.changed).toBe(0);
    const bad = await call(app, 'PUT', '/v1/diff-profiles/broken', {
      auth: acme.admin.token,
      body: { ignore_paths: ['input[oops'] },
    });
    expect(expectProblem(bad, 400).errors[0].path).toMatch(/ignore_paths/);
    expectProblem(
      await call(app, 'PUT', '/v1/diff-profiles/mine', { auth: acme.members.developer.token, body: {} }),
      403,
    );
    expectProblem(await diff(a, b, 'no-such-profile'), 404);
    const listed = await call(app, 'GET', '/v1/diff-profiles', { auth: acme.members.viewer.token });
    expect(listed.body.items.map((p: { name: string }) => p.name)).toEqual(['default', 'ignore-amounts']);
    const globexProfiles = await call(app, 'GET', '/v1/diff-profiles', { auth: globex.members.viewer.token });
    expect(globexProfiles.body.items.map((p: { name: string }) => p.name)).toEqual(['default']);
  });

  it('answers from stored digests as a diff of the whole runs would, and reads content only where they differ', async () => {
    const asText = async (a: string, b: string) =>
      (
        await app.cockpit.app.inject({
          method: 'GET',
          url: `/v1/diff?runA=${a}&runB=${b}`,
          headers: { authorization: `Bearer ${acme.apiKey}` },
        })
      ).body;
    const sql = (text: string, params: unknown[]) =>
      app.cockpit.runtime.db.run({ tenantId: acme.tenantId }, (m) => m.query(text, params));
    const reordered = (prefix: string, input: Record<string, unknown>) => ({
      id: `${prefix}-notes`,
      kind: 'custom',
      name: 'notes',
      started_at: tick(),
      input,
    });
    const a = await record(acme, [...agentSteps('a8'), reordered('a8', { first: 1, second: [2] })]);
    const b = await record(acme, [
      // a changed secret, a changed amount, an id the default profile ignores, keys in another order
      ...agentSteps('b8', { email: 'john@example.com', refundAmount: 15 }).map((step) =>
        step.id === 'b8-lookup' ? { ...step, output: { id: 'lookup-77', total: 19.9 } } : step,
      ),
      reordered('b8', { second: [2], first: 1 }),
    ]);
    const fast = await asText(a, b);
    expect(JSON.parse(fast).summary).toMatchObject({ same: 3, changed: 2, inserted: 0, deleted: 0 });

    // steps stored before digests existed: every aligned pair is compared from its content
    await sql('UPDATE steps SET diff_digest = NULL WHERE run_id = ANY($1)', [[a, b]]);
    expect(await asText(a, b)).toBe(fast);

    // equal digests are trusted: the payloads of such pairs are not even read
    const c = await record(acme, agentSteps('c8'));
    const d = await record(acme, agentSteps('d8'));
    await sql(`UPDATE steps SET output = '"tampered"' WHERE run_id = $1 AND id = 'd8-lookup'`, [d]);
    expect(JSON.parse(await asText(c, d)).summary.changed).toBe(0);
    await sql(`UPDATE steps SET diff_digest = NULL WHERE run_id = $1 AND id = 'd8-lookup'`, [d]);
    const read = JSON.parse(await asText(c, d));
    expect(read.summary.changed).toBe(1);
    expect(read.steps[2].changes).toEqual([
      { path: 'output', change: 'changed', a: { total: 19.9 }, b: 'tampered' },
    ]);
  });

  it("answers 404 for another tenant's run and 400 for bad parameters", async () => {
    const mine = await record(acme, agentSteps('a7'));
    const theirs = await record(globex, agentSteps('b7'));
    expectProblem(await diff(mine, theirs), 404);
    expectProblem(await call(app, 'GET', `/v1/diff?runA=${mine}`, { auth: acme.apiKey }), 400, 'validation');
    expectProblem(
      await call(app, 'GET', `/v1/diff?runA=${mine}&runB=nope`, { auth: acme.apiKey }),
      400,
      'validation',
    );
  });
});
