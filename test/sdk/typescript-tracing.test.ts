import { randomUUID } from 'node:crypto';
import { Cockpit, CockpitApiError, StepRejectedError, sanitize } from '../../sdk/typescript/src';
import { call } from '../support/http';
import { type TenantFixture, createTenant } from '../support/tenant-fixture';
import { type TestApp, startTestApp } from '../support/test-app';
import { engines } from '../support/test-database';

/** The TypeScript SDK against a real Cockpit over real HTTP: trace, read back through the API. */

const SECRETS = {
  email: 'dana.lee@example.org',
  openai: 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd',
  card: '4111 1111 1111 1111',
};

describe.each(engines())('TypeScript SDK tracing (%s)', (engine) => {
  let app: TestApp;
  let acme: TenantFixture;
  let errors: Error[];
  const clients: Cockpit[] = [];

  const connect = (apiKey = acme.apiKey) => {
    const cockpit = new Cockpit({
      baseUrl: app.url,
      apiKey,
      flushIntervalMs: 50,
      retryBaseDelayMs: 10,
      onError: (error) => errors.push(error),
    });
    clients.push(cockpit);
    return cockpit;
  };
  const getRun = (id: string) => call(app, 'GET', `/v1/runs/${id}`, { auth: acme.apiKey });
  const getSteps = async (id: string, view = 'flat') =>
    (await call(app, 'GET', `/v1/runs/${id}/steps?view=${view}`, { auth: acme.apiKey })).body.items as any[];

  beforeAll(async () => {
    app = await startTestApp({ engine });
    await app.listen();
    acme = await createTenant(app, 'Acme');
  });
  beforeEach(() => {
    errors = [];
  });
  afterEach(async () => {
    for (const cockpit of clients.splice(0)) await cockpit.close();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('traces a run that the API then shows with its steps, totals and tree', async () => {
    const cockpit = connect();
    const run = await cockpit.startRun({
      name: 'support-agent',
      tags: ['sdk', 'ts'],
      metadata: { env: 'test', release: '1.2.3' },
    });
    const root = run.step({ kind: 'prompt', name: 'user question', input: { text: 'Where is my order?' } });
    await run.modelStep(
      'gpt-4o',
      { messages: [{ role: 'user', content: 'Where is my order?' }] },
      () => ({ content: 'Let me check.', usage: { prompt_tokens: 20, completion_tokens: 5 } }),
      { parentId: root, modelParams: { temperature: 0 } },
    );
    await run.toolStep('lookup_order', { order_id: 'o-42' }, () => ({ status: 'shipped' }), {
      parentId: root,
    });
    const finished = await run.finish('succeeded');

    expect(finished).toMatchObject({ id: run.id, status: 'succeeded' });
    const view = await getRun(run.id);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      id: run.id,
      name: 'support-agent',
      status: 'succeeded',
      tags: ['sdk', 'ts'],
      metadata: { env: 'test', release: '1.2.3' },
      step_count: 3,
      tool_count: 1,
      models: ['gpt-4o'],
      tools: ['lookup_order'],
      usage: { input_tokens: 20, output_tokens: 5 },
    });
    const steps = await getSteps(run.id);
    expect(steps.map((s) => [s.kind, s.name, s.parent_id])).toEqual([
      ['prompt', 'user question', null],
      ['model', 'gpt-4o', root],
      ['tool', 'lookup_order', root],
    ]);
    expect(steps[1]).toMatchObject({ model: 'gpt-4o', model_params: { temperature: 0 } });
    expect(steps[2]).toMatchObject({
      tool: 'lookup_order',
      input: { order_id: 'o-42' },
      output: { status: 'shipped' },
    });
    const tree = await getSteps(run.id, 'tree');
    expect(tree).toHaveLength(1);
    expect(tree[0].children.map((c: any) => c.kind)).toEqual(['model', 'tool']);
    expect(errors).toEqual([]);
  });

  it('leaves redaction to the server, which masks exactly what sanitize() masks', async () => {
    const cockpit = connect();
    const run = await cockpit.startRun({ name: 'redaction' });
    const input = {
      messages: [{ role: 'user', content: `I am ${SECRETS.email}, card ${SECRETS.card}` }],
      headers: { Authorization: `Bearer ${SECRETS.openai}` },
    };
    const output = { note: `use key ${SECRETS.openai}`, tokens: { input_tokens: 3 } };
    run.step({ kind: 'tool', tool: 'http', input, output, metadata: { password: 'hunter2' } });
    await run.finish();

    const [step] = await getSteps(run.id);
    expect(step.redacted).toBe(true);
    expect(step.input).toEqual(sanitize(input));
    expect(step.output).toEqual(sanitize(output));
    expect(step.input.messages[0].content).toBe('I am [REDACTED:email], card [REDACTED:credit_card]');
    expect(step.redactions.map((m: any) => m.type)).toEqual(
      expect.arrayContaining(['email', 'credit_card', 'credential', 'openai_key']),
    );
    const stored = JSON.stringify(step);
    for (const secret of Object.values(SECRETS)) expect(stored).not.toContain(secret);
  });

  it('never duplicates a run or a step when they are sent again', async () => {
    const id = randomUUID();
    const first = await connect().startRun({ id, name: 'idempotent' });
    const again = await connect().startRun({ id, name: 'idempotent' });
    expect(again.id).toBe(first.id);
    for (const run of [first, again]) {
      run.step({ kind: 'custom', id: 'step-1', name: 'one' });
      run.step({ kind: 'custom', id: 'step-2', name: 'two' });
    }
    await first.finish();
    await again.finish();
    expect((await getSteps(id)).map((s) => s.id)).toEqual(['step-1', 'step-2']);
    expect(errors).toEqual([]);
  });

  it('answers 409 to a finish with another status', async () => {
    const run = await connect().startRun();
    await run.finish('succeeded');
    await expect(run.finish('failed')).rejects.toMatchObject({ status: 409 });
  });

  it('reports a step the server refuses and stores the others', async () => {
    const cockpit = connect();
    const run = await cockpit.startRun();
    run.step({ kind: 'custom', id: 'fine' });
    run.step({ kind: 'custom', id: 'loop', parentId: 'loop' });
    await run.finish();
    expect((await getSteps(run.id)).map((s) => s.id)).toEqual(['fine']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(StepRejectedError);
    expect(errors[0]).toMatchObject({ stepId: 'loop', status: 400 });
  });

  it('throws a typed 401 for a wrong API key, without retrying', async () => {
    const failure = await connect('ck_wrongwrongwr_wrongwrongwrongwrongwrongwrongwr')
      .startRun()
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CockpitApiError);
    expect(failure).toMatchObject({ status: 401, attempts: 1 });
  });
});
