import { spawnSync } from 'node:child_process';
import { call } from '../support/http';
import { type TenantFixture, createTenant } from '../support/tenant-fixture';
import { type TestApp, startTestApp } from '../support/test-app';
import { PYTHON_SDK, runPython } from './support/python-process';

/**
 * The Python SDK (sdk/python) against a real Cockpit: the SDK's own unit tests, then scenario
 * scripts (sdk/python/tests/scenarios) spawned with python3 against a server started here, whose
 * results are read back through the API.
 */

const SECRETS = [
  'dana.lee@example.org',
  'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789',
  '4111 1111 1111 1111',
];

describe('Python SDK unit tests', () => {
  it('pass under python3 -W error (standard library only)', () => {
    const result = spawnSync('python3', ['-W', 'error', '-m', 'unittest', 'discover', '-s', 'tests'], {
      cwd: PYTHON_SDK,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect({ status: result.status, stderr: result.stderr }).toEqual({
      status: 0,
      stderr: expect.stringMatching(/\nOK\s*$/),
    });
  });
});

describe('Python SDK tracing against a real server', () => {
  let app: TestApp;
  let acme: TenantFixture;

  beforeAll(async () => {
    app = await startTestApp();
    await app.listen();
    acme = await createTenant(app, 'Python Trace');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('traces a run in batches that the API reads back with its totals, tree and redactions', async () => {
    const python = await runPython('tests/scenarios/trace_run.py', { url: app.url, apiKey: acme.apiKey });
    expect({ code: python.code, stderr: python.stderr }).toEqual({ code: 0, stderr: '' });
    const [result] = python.events;
    expect(result).toMatchObject({ delivered: true, errors: [] });

    const run = await call(app, 'GET', `/v1/runs/${result!.run_id}`, { auth: acme.apiKey });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({
      id: result!.run_id,
      project_id: acme.projectId,
      name: 'python sdk trace',
      status: 'succeeded',
      tags: ['python', 'sdk'],
      metadata: { env: 'test' },
      step_count: 6,
      tool_count: 2,
      error_count: 1,
      usage: { input_tokens: 100, output_tokens: 20 },
      models: ['gpt-4o'],
      tools: ['http_request', 'send_mail'],
      duration_ms: expect.any(Number),
    });

    const steps = await call(app, 'GET', `/v1/runs/${result!.run_id}/steps`, { auth: acme.apiKey });
    const items: Record<string, any>[] = steps.body.items;
    // A parent is sent after its children (it ends last) but starts in the same millisecond or before.
    expect(items.map((s) => `${s.kind}:${s.name}`).sort()).toEqual([
      'custom:plan',
      'model:gpt-4o',
      'prompt:user',
      'retrieval:policy docs',
      'tool:http_request',
      'tool:send_mail',
    ]);
    const byName = Object.fromEntries(items.map((s) => [s.name, s]));
    expect(byName.http_request.parent_id).toBe(result!.plan_id);
    expect(byName['policy docs'].parent_id).toBe(result!.plan_id);
    expect(byName.plan.parent_id).toBeNull();
    expect(byName.send_mail.error).toEqual({ type: 'ConnectionError', message: 'smtp unreachable' });
    expect(byName['gpt-4o'].usage).toEqual({ input_tokens: 100, output_tokens: 20 });
    for (const step of items.filter((s) => s.kind !== 'prompt'))
      expect(step.duration_ms).toBeGreaterThanOrEqual(0); // timed by the context managers

    // The SDK sends raw payloads; the server redacts them before storing them.
    expect(byName.user.input.content).toBe('Refund order A-1 and mail [REDACTED:email]');
    expect(byName.http_request.input.headers.Authorization).toBe('[REDACTED:credential]');
    expect(byName.http_request.output.card).toBe('[REDACTED:credit_card]');
    expect(byName.send_mail.input.to).toBe('[REDACTED:email]');
    const stored = JSON.stringify(items);
    for (const secret of SECRETS)
      expect({ secret, stored: stored.includes(secret) }).toEqual({ secret, stored: false });
  });

  it("gives the server's redaction output locally: sanitize() of the stored steps' raw payloads", async () => {
    const script = [
      'import json, sys',
      'from cockpit_sdk import sanitize',
      'print(json.dumps(sanitize(json.load(sys.stdin))))',
    ].join('\n');
    const raw = {
      content: 'Refund order A-1 and mail dana.lee@example.org',
      headers: { Authorization: 'Bearer sk-proj-abcdefghijklmnopqrstuvwxyz0123456789' },
      card: '4111 1111 1111 1111',
    };
    const python = spawnSync('python3', ['-W', 'error', '-c', script], {
      cwd: PYTHON_SDK,
      input: JSON.stringify(raw),
      encoding: 'utf8',
      env: { ...process.env, PYTHONPATH: PYTHON_SDK, PYTHONDONTWRITEBYTECODE: '1' },
    });
    expect(python.stderr).toBe('');
    expect(JSON.parse(python.stdout)).toEqual({
      content: 'Refund order A-1 and mail [REDACTED:email]',
      headers: { Authorization: '[REDACTED:credential]' },
      card: '[REDACTED:credit_card]',
    });
  });

  it('reports a refused API key as a typed error instead of failing the agent', async () => {
    const python = await runPython('tests/scenarios/trace_run.py', {
      url: app.url,
      apiKey: 'ck_AAAAAAAAAAAA_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });
    expect(python.stderr).toBe('');
    expect(python.code).toBe(1);
    expect(python.events[0]!.errors).toEqual([expect.stringMatching(/^POST \/v1\/runs -> 401/)]);
  });
});

describe('Python SDK gate against a real server (policies, approvals, decision tokens)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
    await app.listen();
  });
  afterAll(async () => {
    await app?.close();
  });

  /** A tenant whose project's first (hence active) policy gives `decision` for issue_refund. */
  async function tenantWhere(name: string, decision: 'block' | 'require_approval'): Promise<TenantFixture> {
    const tenant = await createTenant(app, name);
    const policy = await call(app, 'POST', '/v1/policies', {
      auth: tenant.admin.token,
      body: { name: `issue_refund: ${decision}`, rules: [{ tools: ['issue_refund'], decision }] },
    });
    if (policy.status !== 201) throw new Error(`policy creation failed: ${JSON.stringify(policy.body)}`);
    return tenant;
  }

  async function stepsOf(tenant: TenantFixture, runId: string): Promise<Record<string, any>[]> {
    const steps = await call(app, 'GET', `/v1/runs/${runId}/steps`, { auth: tenant.apiKey });
    expect(steps.status).toBe(200);
    return steps.body.items;
  }

  let approvals: TenantFixture;
  beforeAll(async () => {
    approvals = await tenantWhere('Python Approvals', 'require_approval');
  });

  it('runs the tool straight away when the policy allows it, with a token the server accepts', async () => {
    const open = await createTenant(app, 'Python Open');
    const python = await runPython('tests/scenarios/gate.py', { url: app.url, apiKey: open.apiKey });
    expect(python.stderr).toBe('');
    const done = python.events.at(-1)!;
    expect(done).toMatchObject({ outcome: 'ran', refunds: ['A-1001'], delivered: true, errors: [] });
    expect(python.events.filter((e) => e.event === 'pending')).toEqual([]);
    const steps = await stepsOf(open, done.run_id);
    expect(steps.find((s) => s.kind === 'tool')).toMatchObject({
      tool: 'issue_refund',
      decision_token_id: expect.any(String),
    });
  });

  it('runs the tool once the approver approves, and the tool step with its token is accepted', async () => {
    const python = await runPython('tests/scenarios/gate.py', {
      url: app.url,
      apiKey: approvals.apiKey,
      onEvent: async (event) => {
        if (event.event !== 'pending') return;
        const approved = await call(app, 'POST', `/v1/approvals/${event.approval_id}:approve`, {
          auth: approvals.members.approver.token,
          body: {},
        });
        expect(approved.status).toBe(200);
      },
    });
    expect(python.stderr).toBe('');
    const done = python.events.at(-1)!;
    expect(done).toMatchObject({
      event: 'done',
      outcome: 'ran',
      refunds: ['A-1001'],
      result: { refund_id: 'rf_A-1001', amount: 42.5, currency: 'EUR' },
      delivered: true,
      errors: [],
    });
    expect(python.events.filter((e) => e.event === 'pending')).toHaveLength(1);
    expect(python.code).toBe(0);

    const steps = await stepsOf(approvals, done.run_id);
    const tool = steps.find((s) => s.kind === 'tool');
    expect(tool).toMatchObject({
      tool: 'issue_refund',
      input: { order_id: 'A-1001', amount: 42.5, currency: 'EUR' },
      output: { refund_id: 'rf_A-1001', amount: 42.5, currency: 'EUR' },
      decision_token_id: expect.any(String),
    });
    expect(steps.some((s) => s.kind === 'policy' && String(s.id).endsWith(':policy'))).toBe(true);
  });

  it('raises DeniedError when the approver denies, and the tool never runs', async () => {
    const python = await runPython('tests/scenarios/gate.py', {
      url: app.url,
      apiKey: approvals.apiKey,
      onEvent: async (event) => {
        if (event.event !== 'pending') return;
        const denied = await call(app, 'POST', `/v1/approvals/${event.approval_id}:deny`, {
          auth: approvals.members.approver.token,
          body: { reason: 'amount too high' },
        });
        expect(denied.status).toBe(200);
      },
    });
    expect(python.stderr).toBe('');
    expect(python.events.at(-1)).toMatchObject({ outcome: 'denied', reason: 'amount too high', refunds: [] });
    const steps = await stepsOf(approvals, python.events.at(-1)!.run_id);
    expect(steps.filter((s) => s.kind === 'tool')).toEqual([]);
  });

  it('raises ApprovalTimeoutError when nobody decides within the gate timeout', async () => {
    const python = await runPython('tests/scenarios/gate.py', {
      url: app.url,
      apiKey: approvals.apiKey,
      args: ['2'],
    });
    expect(python.stderr).toBe('');
    expect(python.events.at(-1)).toMatchObject({ outcome: 'timeout', expired: false, refunds: [] });
  });

  it('raises BlockedError on a blocking policy, and the tool never runs', async () => {
    const blocked = await tenantWhere('Python Blocked', 'block');
    const python = await runPython('tests/scenarios/gate.py', { url: app.url, apiKey: blocked.apiKey });
    expect(python.stderr).toBe('');
    const done = python.events.at(-1)!;
    expect(done).toMatchObject({ outcome: 'blocked', refunds: [], errors: [] });
    const steps = await stepsOf(blocked, done.run_id);
    expect(steps.map((s) => s.kind)).toEqual(['policy']);
  });

  it('runs the example refund agent end to end', async () => {
    const python = await runPython('examples/refund_agent.py', {
      url: app.url,
      apiKey: approvals.apiKey,
      onLine: async (line) => {
        const waiting = /^Waiting for a human: approval (\S+)/.exec(line);
        if (!waiting) return;
        await call(app, 'POST', `/v1/approvals/${waiting[1]}:approve`, {
          auth: approvals.members.approver.token,
          body: {},
        });
      },
    });
    expect({ code: python.code, stderr: python.stderr }).toEqual({ code: 0, stderr: '' });
    expect(python.stdout).toMatch(/refund issued/i);
  });
});
