import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { call, expectProblem, login } from '../support/http';
import { type TenantFixture, createTenant } from '../support/tenant-fixture';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type TestApp, startTestApp } from '../support/test-app';
import { engines } from '../support/test-database';
import { type Socket, connect, quiet } from '../support/ws';

const STATE_V4 = {
  version: 4,
  terraform_version: '1.9.5',
  serial: 3,
  lineage: 'b1f0c6c2-6a0c-4f76-9a7d-3f1d2b9c0a11',
  outputs: {},
  resources: [
    {
      mode: 'managed',
      type: 'aws_instance',
      name: 'web',
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [
        {
          schema_version: 1,
          attributes: {
            id: 'i-0abc123def4567890',
            ami: 'ami-0c55b159cbfafe1f0',
            instance_type: 't3.micro',
            availability_zone: 'eu-west-1a',
            instance_state: 'running',
            public_ip: '203.0.113.10',
            tags: { Name: 'web-1', env: 'prod' },
            disable_api_termination: false,
            root_block_device: [{ encrypted: false, volume_size: 8 }],
          },
        },
      ],
    },
    {
      mode: 'data',
      type: 'aws_ami',
      name: 'ubuntu',
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [{ attributes: { id: 'ami-0c55b159cbfafe1f0' } }],
    },
  ],
};

describe.each(engines())('Operate on %s', (engine) => {
  let app: TestApp;
  let acme: TenantFixture;
  let globex: TenantFixture;
  let providerId: string;

  beforeAll(async () => {
    app = await startTestApp({ engine });
    await app.listen();
    acme = await createTenant(app, 'Acme');
    globex = await createTenant(app, 'Globex');
    const connected = await call(app, 'POST', '/v1/providers', {
      auth: acme.admin.token,
      body: { kind: 'simulated', name: 'sim', credentials: { seed: 'acme', size: '60' } },
    });
    expect(connected.status).toBe(201);
    providerId = connected.body.id;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const get = (auth: string, path: string) => call(app, 'GET', path, { auth });
  const post = (auth: string, path: string, body?: unknown) => call(app, 'POST', path, { auth, body });
  const allResources = async (auth: string, query = '') => {
    const items: Record<string, any>[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(auth, `/v1/resources?limit=7${query}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      items.push(...page.body.items);
      cursor = page.body.next_cursor;
    } while (cursor);
    return items;
  };
  const runningVm = async () =>
    (await allResources(acme.admin.token, '&type=vm&state=running')).find((r) => r.tags.env !== 'prod') ??
    (await allResources(acme.admin.token, '&type=vm&state=running'))[0];

  describe('the demo tenant', () => {
    it('shows a simulated provider, resources, costs, a forecast, a budget alert and threats out of the box', async () => {
      const operator = await login(app, ADMIN_EMAIL, ADMIN_PASSWORD);
      const token = operator.access_token;
      const providers = await get(token, '/v1/providers');
      expect(providers.body.items).toEqual([
        expect.objectContaining({ kind: 'simulated', status: 'connected', last_sync_at: expect.any(String) }),
      ]);
      const resources = await get(token, '/v1/resources?limit=500');
      expect(resources.body.items.length).toBeGreaterThanOrEqual(30);
      const costs = await get(token, '/v1/costs?group_by=service');
      expect(costs.body.total_usd).toBeGreaterThan(0);
      const forecast = await get(token, '/v1/costs/forecast?days=30');
      expect(forecast.body.points).toHaveLength(30);
      const budgets = await get(token, '/v1/budgets');
      expect(budgets.body.items).toHaveLength(1);
      const alerts = await get(token, '/v1/alerts');
      expect(alerts.body.items.length).toBeGreaterThan(0);
      const threats = await get(token, '/v1/threats');
      expect(threats.body.items.length).toBeGreaterThan(0);
    });
  });

  describe('providers', () => {
    it('returns credentials masked and refuses a bad kind or bad credentials with field errors', async () => {
      const listed = await get(acme.members.viewer.token, '/v1/providers');
      expect(listed.body.items).toEqual([
        expect.objectContaining({
          id: providerId,
          kind: 'simulated',
          credentials: { seed: 'acme', size: '60' },
        }),
      ]);
      expectProblem(await post(acme.admin.token, '/v1/providers', { kind: 'oracle', name: 'x' }), 400);
      const bad = await post(acme.admin.token, '/v1/providers', {
        kind: 'aws',
        name: 'aws-prod',
        credentials: { access_key_id: 'AKIAIOSFODNN7EXAMPLE' },
      });
      expectProblem(bad, 400);
      expect(bad.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: 'credentials.secret_access_key' })]),
      );
      expectProblem(
        await post(acme.admin.token, '/v1/providers', { kind: 'simulated', name: 'SIM', credentials: {} }),
        409,
      );
    });

    it('tests, syncs idempotently and lets only admins connect or disconnect', async () => {
      const tested = await post(acme.members.developer.token, `/v1/providers/${providerId}:test`);
      expect(tested.body).toMatchObject({ ok: true, account: 'simulated:acme' });
      const first = await post(acme.members.developer.token, `/v1/providers/${providerId}:sync`);
      expect(first.status).toBe(200);
      const second = await post(acme.members.developer.token, `/v1/providers/${providerId}:sync`);
      expect(second.body).toMatchObject({ status: 'succeeded', added: 0, removed: 0 });
      expect(second.body.unchanged + second.body.updated).toBe(
        first.body.unchanged + first.body.updated + first.body.added,
      );
      expectProblem(
        await post(acme.members.developer.token, '/v1/providers', {
          kind: 'simulated',
          name: 'dev',
          credentials: {},
        }),
        403,
      );
      expectProblem(
        await call(app, 'DELETE', `/v1/providers/${providerId}`, { auth: acme.members.developer.token }),
        403,
      );
    });

    it('disconnecting removes the provider with its inventory, costs and findings', async () => {
      const made = await post(globex.admin.token, '/v1/providers', {
        kind: 'simulated',
        name: 'temp',
        credentials: { seed: 'temp', size: '20' },
      });
      expect(made.status).toBe(201);
      expect((await get(globex.admin.token, '/v1/resources')).body.items.length).toBeGreaterThan(0);
      const removed = await call(app, 'DELETE', `/v1/providers/${made.body.id}`, {
        auth: globex.admin.token,
      });
      expect(removed.status).toBe(204);
      expect((await get(globex.admin.token, '/v1/resources')).body.items).toEqual([]);
      expect((await get(globex.admin.token, '/v1/threats')).body.items).toEqual([]);
      expect((await get(globex.admin.token, '/v1/costs')).body.total_usd).toBe(0);
      expectProblem(
        await call(app, 'DELETE', `/v1/providers/${made.body.id}`, { auth: globex.admin.token }),
        404,
      );
    });
  });

  describe('resources', () => {
    it('pages the inventory with a keyset cursor and filters by provider, region, type, state and tag', async () => {
      const all = await allResources(acme.members.viewer.token);
      expect(all).toHaveLength(60);
      expect(new Set(all.map((r) => r.id)).size).toBe(60);
      const vms = await allResources(acme.members.viewer.token, `&type=vm&provider=${providerId}`);
      expect(vms.length).toBeGreaterThan(0);
      expect(vms.every((r) => r.type === 'vm')).toBe(true);
      const region = all[0]!.region as string;
      const inRegion = await allResources(acme.members.viewer.token, `&region=${region}`);
      expect(inRegion.length).toBe(all.filter((r) => r.region === region).length);
      const prod = await allResources(acme.members.viewer.token, '&tag=env%3Dprod');
      expect(prod.length).toBe(all.filter((r) => r.tags.env === 'prod').length);
      expect(prod.length).toBeGreaterThan(0);
      const tagged = await allResources(acme.members.viewer.token, '&tag=env');
      expect(tagged.length).toBe(all.filter((r) => 'env' in r.tags).length);
      expectProblem(await get(acme.members.viewer.token, '/v1/resources?cursor=nonsense'), 400);
      expectProblem(await get(acme.members.viewer.token, '/v1/resources?state=exploded'), 400);
    });

    it('runs the lifecycle state machine, rejecting illegal transitions with 409, and tells WebSocket and audit', async () => {
      const vm = await runningVm();
      const socket: Socket = connect(`${app.url.replace('http', 'ws')}/v1/ws?token=${acme.admin.token}`);
      await socket.next('ready');
      expectProblem(await post(acme.members.developer.token, `/v1/resources/${vm.id}:start`), 409);
      const stopped = await post(acme.members.developer.token, `/v1/resources/${vm.id}:stop`, {
        reason: 'night',
      });
      expect(stopped.status).toBe(200);
      expect(stopped.body).toMatchObject({ id: vm.id, state: 'stopped' });
      const event = await socket.next('cloud.resource.state_changed');
      expect(event.data).toMatchObject({ resource_id: vm.id, state: 'stopped', from: 'running' });
      expectProblem(await post(acme.members.viewer.token, `/v1/resources/${vm.id}:start`), 403);
      // the simulated cloud takes its time: starting before the stop settled is refused by the provider
      expect(stopped.body.provider_state).toBe('stopping');
      expectProblem(
        await post(acme.members.developer.token, `/v1/resources/${vm.id}:start`),
        409,
        'provider-rejected',
      );
      await quiet(3200);
      const started = await post(acme.members.developer.token, `/v1/resources/${vm.id}:start`);
      expect(started.body.state).toBe('running');
      const terminated = await post(acme.members.developer.token, `/v1/resources/${vm.id}:terminate`);
      expect(terminated.body.state).toBe('terminated');
      expectProblem(await post(acme.members.developer.token, `/v1/resources/${vm.id}:terminate`), 409);
      expectProblem(await post(acme.members.developer.token, `/v1/resources/${vm.id}:start`), 409);
      socket.ws.terminate();
      const audit = await get(acme.admin.token, `/v1/audit?target_type=resource&target_id=${vm.id}`);
      expect(
        audit.body.items.map((e: { data: { lifecycle_action: string } }) => e.data.lifecycle_action),
      ).toEqual(['terminate', 'start', 'stop']);
      // a later sync keeps it terminated
      await post(acme.admin.token, `/v1/providers/${providerId}:sync`);
      expect((await get(acme.members.viewer.token, `/v1/resources/${vm.id}`)).body.state).toBe('terminated');
    });

    it('creates a VM that enters as pending', async () => {
      const created = await post(acme.members.developer.token, '/v1/resources', {
        provider_id: providerId,
        name: 'batch-7',
        region: (await runningVm()).region,
        size: (await runningVm()).size,
        tags: { env: 'dev', team: 'data' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'batch-7', state: 'pending', type: 'vm' });
      expect((await get(acme.members.viewer.token, `/v1/resources/${created.body.id}`)).body.id).toBe(
        created.body.id,
      );
      expectProblem(
        await post(acme.members.developer.token, '/v1/resources', {
          provider_id: providerId,
          name: 'x',
          region: 'r',
        }),
        400,
      );
    });

    it('puts terminate through the policy gate: approval, then exactly one use of the decision token', async () => {
      const policy = await post(acme.admin.token, '/v1/policies', {
        name: 'cloud-guard',
        rules: [{ id: 'terminate-needs-human', tools: ['cloud.terminate'], decision: 'require_approval' }],
      });
      expect(policy.status).toBe(201);
      const vm = await runningVm();
      const asked = await post(acme.members.developer.token, `/v1/resources/${vm.id}:terminate`, {
        reason: 'cleanup',
      });
      expect(asked.status).toBe(202);
      expect(asked.body).toMatchObject({ status: 'approval_required', tool: 'cloud.terminate' });
      expect((await get(acme.members.viewer.token, `/v1/resources/${vm.id}`)).body.state).toBe('running');
      const approved = await post(
        acme.members.approver.token,
        `/v1/approvals/${asked.body.approval_id}:approve`,
        {
          reason: 'fine',
        },
      );
      expect(approved.status).toBe(200);
      const token = approved.body.decision_token as string;
      const other = (await allResources(acme.admin.token, '&type=vm&state=running')).find(
        (r) => r.id !== vm.id,
      )!;
      expectProblem(
        await post(acme.members.developer.token, `/v1/resources/${other.id}:terminate`, {
          decision_token: token,
          run_id: asked.body.run_id,
        }),
        403,
      );
      const done = await post(acme.members.developer.token, `/v1/resources/${vm.id}:terminate`, {
        decision_token: token,
        run_id: asked.body.run_id,
      });
      expect(done.status).toBe(200);
      expect(done.body.state).toBe('terminated');
      const blocked = await post(acme.admin.token, '/v1/policies', {
        name: 'cloud-guard',
        rules: [{ id: 'no-terminate', tools: ['cloud.terminate'], decision: 'block' }],
      });
      expect(blocked.status).toBe(201);
      expectProblem(
        await post(acme.members.developer.token, `/v1/resources/${other.id}:terminate`),
        403,
        'policy-blocked',
      );
      await post(acme.admin.token, '/v1/policies', {
        name: 'cloud-guard',
        rules: [{ id: 'allow', tools: ['cloud.*'], decision: 'allow' }],
      });
    });
  });

  describe('costs, forecasts, budgets', () => {
    it('groups spend by provider, service, region and tag over a time range', async () => {
      const byProvider = await get(acme.members.viewer.token, '/v1/costs?group_by=provider');
      expect(byProvider.body.groups).toEqual([expect.objectContaining({ key: providerId, name: 'sim' })]);
      const total = byProvider.body.total_usd as number;
      expect(total).toBeGreaterThan(0);
      for (const group of ['service', 'region', 'tag', 'day']) {
        const grouped = await get(acme.members.viewer.token, `/v1/costs?group_by=${group}&tag_key=team`);
        expect(grouped.status).toBe(200);
        const sum = grouped.body.groups.reduce((s: number, g: { amount_usd: number }) => s + g.amount_usd, 0);
        expect(sum).toBeCloseTo(total, 0);
      }
      const today = new Date().toISOString().slice(0, 10);
      const narrow = await get(acme.members.viewer.token, `/v1/costs?from=${today}&group_by=day`);
      expect(narrow.body.groups.every((g: { key: string }) => g.key >= today)).toBe(true);
      expectProblem(await get(acme.members.viewer.token, '/v1/costs?from=2026-02-01&to=2026-01-01'), 400);
      expectProblem(await get(acme.members.viewer.token, '/v1/costs?group_by=planet'), 400);
    });

    it('forecasts 30 and 90 days with widening prediction intervals', async () => {
      for (const days of [30, 90]) {
        const f = await get(
          acme.members.viewer.token,
          `/v1/costs/forecast?days=${days}&provider=${providerId}`,
        );
        expect(f.status).toBe(200);
        expect(f.body.points).toHaveLength(days);
        for (const p of f.body.points) expect(p.lower <= p.value && p.value <= p.upper).toBe(true);
        const width = (p: { lower: number; upper: number }) => p.upper - p.lower;
        expect(width(f.body.points[days - 1])).toBeGreaterThan(width(f.body.points[0]));
        expect(f.body.total.value).toBeGreaterThan(0);
      }
      expectProblem(await get(acme.members.viewer.token, '/v1/costs/forecast?days=0'), 400);
    });

    it('suggests smaller sizes for under-used VMs with the monthly saving', async () => {
      const advice = await get(acme.members.viewer.token, '/v1/costs/rightsizing');
      expect(advice.status).toBe(200);
      expect(advice.body.items.length).toBeGreaterThan(0);
      const first = advice.body.items[0];
      expect(first).toMatchObject({ provider_id: providerId, resource_id: expect.any(String) });
      expect(first.suggested_size).not.toBe(first.current_size);
      expect(first.monthly_savings_usd).toBeGreaterThan(0);
      const vm = await get(acme.members.viewer.token, `/v1/resources/${first.resource_id}`);
      expect(vm.body.size).toBe(first.current_size);
    });

    describe('alerts', () => {
      let server: Server;
      const received: { headers: IncomingMessage['headers']; body: string }[] = [];
      beforeAll(async () => {
        server = createServer((req, res) => {
          let body = '';
          req.on('data', (c) => (body += c));
          req.on('end', () => {
            received.push({ headers: req.headers, body });
            res.writeHead(200).end('ok');
          });
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      });
      afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

      it('raises each crossed threshold once, live, signed to the webhook and in the audit log', async () => {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
        const hook = await call(app, 'PUT', '/v1/settings/approval-webhook', {
          auth: acme.admin.token,
          body: { url },
        });
        const secret = hook.body.secret as string;
        const socket = connect(`${app.url.replace('http', 'ws')}/v1/ws?token=${acme.admin.token}`);
        await socket.next('ready');
        const budget = await post(acme.admin.token, '/v1/budgets', { name: 'tiny', amount_usd: 1 });
        expect(budget.status).toBe(201);
        expect(budget.body.current.actual_percent).toBeGreaterThan(100);
        const event = await socket.next('cloud.budget.alert');
        expect(event.data).toMatchObject({ budget_name: 'tiny', basis: 'actual' });
        socket.ws.terminate();
        const alerts = (await get(acme.members.viewer.token, `/v1/alerts?budget_id=${budget.body.id}`)).body
          .items;
        expect(
          alerts.map((a: { threshold: number }) => a.threshold).sort((a: number, b: number) => a - b),
        ).toEqual([50, 80, 100]);
        await post(acme.admin.token, `/v1/providers/${providerId}:sync`);
        expect(
          (await get(acme.members.viewer.token, `/v1/alerts?budget_id=${budget.body.id}`)).body.items,
        ).toHaveLength(3);
        const audit = await get(
          acme.admin.token,
          `/v1/audit?action=cloud.budget.alert&target_id=${budget.body.id}`,
        );
        expect(audit.body.items).toHaveLength(3);

        const deadline = Date.now() + 15_000;
        const hooks = () => received.filter((r) => JSON.parse(r.body).event === 'budget.alert');
        while (hooks().length < 3 && Date.now() < deadline) await quiet(200);
        const delivery = hooks()[0]!;
        const ts = String(delivery.headers['x-cockpit-timestamp']);
        expect(delivery.headers['x-cockpit-signature']).toBe(
          `sha256=${createHmac('sha256', secret).update(`${ts}.${delivery.body}`).digest('hex')}`,
        );
        expect(JSON.parse(delivery.body).text).toContain('tiny');
        expectProblem(
          await post(acme.members.developer.token, '/v1/budgets', { name: 'x', amount_usd: 5 }),
          403,
        );
        expectProblem(await post(acme.admin.token, '/v1/budgets', { name: 'x', amount_usd: -5 }), 400);
      }, 30_000);
    });
  });

  describe('threats', () => {
    it('finds the risky configurations with evidence and remediation, and a risk summary', async () => {
      const threats = await get(acme.members.viewer.token, '/v1/threats');
      const rules = new Set(threats.body.items.map((f: { rule_id: string }) => f.rule_id));
      for (const rule of [
        'public-admin-port',
        'public-bucket',
        'unencrypted-disk',
        'iam-wildcard',
        'llm-vector-region-mismatch',
      ]) {
        expect(rules).toContain(rule);
      }
      const first = threats.body.items[0];
      expect(first).toMatchObject({
        severity: 'critical',
        remediation: expect.any(String),
        evidence: expect.any(Object),
      });
      expect(threats.body.summary.tenant.score).toBeGreaterThan(0);
      expect(threats.body.summary.providers).toEqual([expect.objectContaining({ provider_id: providerId })]);
      const high = await get(acme.members.viewer.token, '/v1/threats?severity=high');
      expect(high.body.items.every((f: { severity: string }) => f.severity === 'high')).toBe(true);
      expectProblem(await get(acme.members.viewer.token, '/v1/threats?severity=spicy'), 400);
    });
  });

  describe('IaC', () => {
    it('exports Terraform in HCL and JSON and an Ansible inventory, and says plainly when no terraform is installed', async () => {
      const hcl = await post(acme.members.viewer.token, '/v1/iac/export', {
        format: 'terraform',
        syntax: 'hcl',
        type: 'vm',
        plan: true,
      });
      expect(hcl.status).toBe(200);
      expect(Object.keys(hcl.body.files).join()).toMatch(/\.tf/);
      expect(hcl.body.plan.status).toMatch(/unavailable|ran/);
      if (hcl.body.plan.status === 'unavailable') expect(hcl.body.plan.message).toMatch(/terraform|tofu/);
      const json = await post(acme.members.viewer.token, '/v1/iac/export', {
        format: 'terraform',
        syntax: 'json',
      });
      const jsonFile = Object.entries(json.body.files).find(([name]) => name.endsWith('.tf.json'));
      expect(jsonFile).toBeDefined();
      expect(() => JSON.parse(jsonFile![1] as string)).not.toThrow();
      const ansible = await post(acme.members.viewer.token, '/v1/iac/export', { format: 'ansible' });
      expect(ansible.body.files['inventory.yml']).toContain('hosts:');
      expectProblem(
        await post(acme.members.viewer.token, '/v1/iac/export', {
          resource_ids: ['00000000-0000-4000-8000-000000000000'],
        }),
        404,
      );
    });

    it('imports a Terraform v4 state into the inventory, idempotently', async () => {
      const first = await post(globex.admin.token, '/v1/iac/import', { state: STATE_V4 });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ imported: 1, added: 1 });
      expect(first.body.skipped).toEqual([
        expect.objectContaining({ address: expect.stringContaining('aws_ami') }),
      ]);
      const again = await post(globex.admin.token, '/v1/iac/import', { state: JSON.stringify(STATE_V4) });
      expect(again.body).toMatchObject({ imported: 1, added: 0 });
      const listed = (await get(globex.admin.token, '/v1/resources?provider=' + first.body.providers[0].id))
        .body.items;
      expect(listed).toEqual([
        expect.objectContaining({ external_id: 'i-0abc123def4567890', provider: 'aws', region: 'eu-west-1' }),
      ]);
      expectProblem(await post(globex.admin.token, '/v1/iac/import', { state: '{"version": 3}' }), 400);
      expectProblem(await post(globex.admin.token, '/v1/iac/import', { state: 'not json' }), 400);
    });
  });

  describe('roles', () => {
    it('refuses every Operate write to a Viewer', async () => {
      const viewer = acme.members.viewer.token;
      const vm = (await get(viewer, '/v1/resources?type=vm&limit=1')).body.items[0];
      const writes: [string, unknown][] = [
        ['/v1/providers', { kind: 'simulated', name: 'v', credentials: {} }],
        [`/v1/providers/${providerId}:test`, undefined],
        [`/v1/providers/${providerId}:sync`, undefined],
        ['/v1/resources', { provider_id: providerId, name: 'v', region: vm.region, size: vm.size }],
        [`/v1/resources/${vm.id}:start`, undefined],
        [`/v1/resources/${vm.id}:stop`, undefined],
        [`/v1/resources/${vm.id}:terminate`, undefined],
        ['/v1/budgets', { name: 'v', amount_usd: 10 }],
        ['/v1/iac/import', { state: STATE_V4 }],
      ];
      for (const [path, body] of writes) expectProblem(await post(viewer, path, body), 403);
      expectProblem(await call(app, 'DELETE', `/v1/providers/${providerId}`, { auth: viewer }), 403);
    });
  });

  describe('tenant isolation', () => {
    it("never shows or touches another tenant's providers and resources", async () => {
      const theirs = (await get(acme.admin.token, '/v1/resources?limit=1')).body.items[0];
      expectProblem(await get(globex.admin.token, `/v1/resources/${theirs.id}`), 404);
      expectProblem(await post(globex.admin.token, `/v1/resources/${theirs.id}:stop`), 404);
      expectProblem(await get(globex.admin.token, `/v1/providers/${providerId}`), 404);
      expectProblem(await post(globex.admin.token, `/v1/providers/${providerId}:sync`), 404);
      expectProblem(
        await call(app, 'DELETE', `/v1/providers/${providerId}`, { auth: globex.admin.token }),
        404,
      );
      const ids = (await allResources(globex.admin.token)).map((r) => r.id);
      expect(ids).not.toContain(theirs.id);
      expect((await get(globex.admin.token, `/v1/costs?provider=${providerId}`)).body.total_usd).toBe(0);
    });
  });
});
