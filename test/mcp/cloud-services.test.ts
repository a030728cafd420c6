import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { type TenantFixture, createTenant } from '../support/tenant-fixture';
import { type TestApp, startTestApp } from '../support/test-app';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const INSPECTOR = join(ROOT, 'node_modules', '.bin', 'mcp-inspector');

const SERVERS = {
  'cloud-provider-service': [
    'list_providers',
    'get_provider',
    'connect_provider',
    'test_provider',
    'sync_provider',
    'disconnect_provider',
  ],
  'infrastructure-resource-service': [
    'list_resources',
    'get_resource',
    'create_resource',
    'start_resource',
    'stop_resource',
    'terminate_resource',
    'list_threats',
  ],
  'cost-service': ['get_costs', 'forecast_costs', 'list_budgets', 'create_budget', 'list_alerts'],
  'iac-service': ['export_terraform', 'export_ansible_inventory', 'import_terraform_state'],
} as const;
type ServerName = keyof typeof SERVERS;

interface Resource {
  id: string;
  name: string;
  type: string;
  state: string;
  provider_id: string;
}
interface ToolAnswer {
  isError?: boolean;
  structuredContent?: Record<string, any>;
  content: { type: string; text?: string }[];
}

async function inspector(args: string[]): Promise<Record<string, any>> {
  const { stdout } = await run(INSPECTOR, ['--cli', ...args], { cwd: ROOT, timeout: 60_000 });
  return JSON.parse(stdout);
}

const text = (answer: ToolAnswer): string => answer.content.map((c) => c.text ?? '').join('\n');

/** A minimal Terraform v4 state with one EC2 instance. */
const awsState = (instanceId: string, name: string) => ({
  version: 4,
  terraform_version: '1.9.5',
  serial: 1,
  lineage: `lineage-${instanceId}`,
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
            id: instanceId,
            arn: `arn:aws:ec2:us-east-1:123456789012:instance/${instanceId}`,
            instance_type: 't3.micro',
            instance_state: 'running',
            ami: 'ami-0123456789abcdef0',
            tags: { Name: name },
          },
        },
      ],
    },
  ],
});

describe('cloud MCP servers (providers, resources, costs, IaC)', () => {
  let app: TestApp;
  let base: string;
  let acme: TenantFixture;
  let globex: TenantFixture;
  const clients: Client[] = [];
  let connected: ToolAnswer;
  let providerId: string;

  /** An SDK client over Streamable HTTP, closed after the suite. */
  async function mcp(server: ServerName, credential: string): Promise<Client> {
    const client = new Client({ name: 'cockpit-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${base}/mcp/${server}`), {
        requestInit: { headers: { authorization: `Bearer ${credential}` } },
      }),
    );
    clients.push(client);
    return client;
  }

  const call = async (client: Client, name: string, args: Record<string, unknown> = {}) =>
    (await client.callTool({ name, arguments: args })) as ToolAnswer;

  beforeAll(async () => {
    app = await startTestApp();
    base = await app.listen();
    acme = await createTenant(app, 'Acme');
    globex = await createTenant(app, 'Globex');
    const admin = await mcp('cloud-provider-service', acme.admin.token);
    connected = await call(admin, 'connect_provider', {
      kind: 'simulated',
      name: 'sim-acme',
      credentials: { seed: 't1', size: '30' },
    });
    providerId = connected.structuredContent?.id as string;
  });
  afterAll(async () => {
    await Promise.allSettled(clients.map((client) => client.close()));
    await app?.close();
  });

  describe('through the MCP Inspector CLI over Streamable HTTP', () => {
    it.each(Object.keys(SERVERS) as ServerName[])('lists the tools of %s', async (server) => {
      const url = `${base}/mcp/${server}/mcp?access_token=${acme.apiKey}`;
      const listed = await inspector([url, '--transport', 'http', '--method', 'tools/list']);
      expect(listed.tools.map((t: { name: string }) => t.name).sort()).toEqual([...SERVERS[server]].sort());
      for (const tool of listed.tools) expect(tool.outputSchema).toMatchObject({ type: 'object' });
    });
  });

  describe('cloud-provider-service', () => {
    it('connects a simulated provider and answers with masked credentials and the first sync', () => {
      expect(connected.isError).toBeFalsy();
      expect(connected.structuredContent).toMatchObject({
        kind: 'simulated',
        name: 'sim-acme',
        status: 'connected',
        credentials: { seed: 't1', size: '30' },
        sync: { status: 'succeeded' },
      });
      expect(connected.structuredContent?.sync.added).toBeGreaterThan(0);
    });

    it('never echoes a secret, even when the cloud refuses the credentials', async () => {
      const admin = await mcp('cloud-provider-service', acme.admin.token);
      const secret = 'wJalrXUtnFEMI-K7MDENG-not-a-real-secret';
      const refused = await call(admin, 'connect_provider', {
        kind: 'aws',
        name: 'aws-refused',
        credentials: {
          access_key_id: 'AKIAIOSFODNN7EXAMPLE',
          secret_access_key: secret,
          endpoint: 'http://127.0.0.1:9',
        },
        regions: ['us-east-1'],
        sync: false,
      });
      expect(refused.isError).toBe(true);
      expect(JSON.stringify(refused)).not.toContain(secret);
      const listed = await call(admin, 'list_providers');
      expect(JSON.stringify(listed)).not.toContain(secret);
    });

    it('lists and reads the connected provider, as a tool and as provider://{id}', async () => {
      const viewer = await mcp('cloud-provider-service', acme.members.viewer.token);
      const listed = await call(viewer, 'list_providers');
      expect(listed.structuredContent?.items.map((p: { name: string }) => p.name)).toContain('sim-acme');
      const one = await call(viewer, 'get_provider', { provider_id: providerId });
      expect(one.structuredContent).toMatchObject({ id: providerId, name: 'sim-acme' });
      const resource = await viewer.readResource({ uri: `provider://${providerId}` });
      expect(JSON.parse((resource.contents[0] as { text: string }).text)).toMatchObject({ id: providerId });
    });

    it('refuses connect_provider to a viewer', async () => {
      const viewer = await mcp('cloud-provider-service', acme.members.viewer.token);
      const refused = await call(viewer, 'connect_provider', {
        kind: 'simulated',
        name: 'viewer-try',
        credentials: { seed: 'v', size: '5' },
      });
      expect(refused.isError).toBe(true);
      expect(text(refused)).toMatch(/forbidden/);
    });

    it('tests and syncs as a developer, and disconnects as an admin', async () => {
      const developer = await mcp('cloud-provider-service', acme.members.developer.token);
      const tested = await call(developer, 'test_provider', { provider_id: providerId });
      expect(tested.structuredContent).toMatchObject({ id: providerId, ok: true });
      const synced = await call(developer, 'sync_provider', { provider_id: providerId });
      expect(synced.structuredContent).toMatchObject({ provider_id: providerId, status: 'succeeded' });

      const admin = await mcp('cloud-provider-service', acme.admin.token);
      const spare = await call(admin, 'connect_provider', {
        kind: 'simulated',
        name: 'sim-spare',
        credentials: { seed: 'spare', size: '3' },
        sync: false,
      });
      const spareId = spare.structuredContent?.id as string;
      expect(await call(developer, 'disconnect_provider', { provider_id: spareId })).toMatchObject({
        isError: true,
      });
      const gone = await call(admin, 'disconnect_provider', { provider_id: spareId });
      expect(gone.structuredContent).toEqual({ provider_id: spareId, disconnected: true });
      const listed = await call(admin, 'list_providers');
      expect(listed.structuredContent?.items.map((p: { id: string }) => p.id)).not.toContain(spareId);
    });
  });

  describe('infrastructure-resource-service', () => {
    it('lists the inventory and terminates a running VM once', async () => {
      const client = await mcp('infrastructure-resource-service', acme.apiKey);
      const listed = await call(client, 'list_resources', { provider: providerId, limit: 500 });
      const items = listed.structuredContent?.items as Resource[];
      expect(items.length).toBeGreaterThan(0);
      const vm = items.find((r) => r.type === 'vm' && r.state === 'running') as Resource;
      expect(vm).toBeDefined();

      const terminated = await call(client, 'terminate_resource', {
        resource_id: vm.id,
        reason: 'test',
      });
      expect(terminated.isError).toBeFalsy();
      expect(terminated.structuredContent).toMatchObject({
        status: 'done',
        approval: null,
        resource: { id: vm.id, state: 'terminated' },
      });
      const again = await call(client, 'terminate_resource', { resource_id: vm.id });
      expect(again.isError).toBe(true);
      expect(text(again)).toMatch(/^conflict: cannot terminate a terminated resource/);
    });

    it('reads resource://{id} of its own tenant only', async () => {
      const iac = await mcp('iac-service', globex.apiKey);
      const imported = await call(iac, 'import_terraform_state', {
        state: awsState('i-0globex00000001', 'globex-web'),
      });
      expect(imported.structuredContent).toMatchObject({ imported: 1 });
      const globexClient = await mcp('infrastructure-resource-service', globex.apiKey);
      const globexItems = (await call(globexClient, 'list_resources')).structuredContent?.items as Resource[];
      const foreignId = globexItems.find((r) => r.name === 'globex-web')?.id as string;

      const client = await mcp('infrastructure-resource-service', acme.members.viewer.token);
      const own = (await call(client, 'list_resources', { limit: 1 })).structuredContent
        ?.items[0] as Resource;
      const resource = await client.readResource({ uri: `resource://${own.id}` });
      expect(JSON.parse((resource.contents[0] as { text: string }).text)).toMatchObject({
        id: own.id,
        name: own.name,
      });

      const foreign = await call(client, 'get_resource', { resource_id: foreignId });
      expect(foreign.isError).toBe(true);
      expect(text(foreign)).toMatch(/^not_found/);
      await expect(client.readResource({ uri: `resource://${foreignId}` })).rejects.toThrow(/not_found/);
    });

    it('lists threat findings with a risk summary', async () => {
      const client = await mcp('infrastructure-resource-service', acme.members.viewer.token);
      const threats = await call(client, 'list_threats', { provider: providerId });
      expect(threats.isError).toBeFalsy();
      expect(threats.structuredContent?.summary.tenant.resources_scanned).toBeGreaterThan(0);
    });
  });

  describe('cost-service', () => {
    it('answers costs and a forecast in numbers', async () => {
      const client = await mcp('cost-service', acme.members.viewer.token);
      const costs = await call(client, 'get_costs', { group_by: 'provider' });
      expect(costs.isError).toBeFalsy();
      expect(costs.structuredContent?.total_usd).toBeGreaterThan(0);
      expect(costs.structuredContent?.groups).toEqual(
        expect.arrayContaining([expect.objectContaining({ key: providerId, name: 'sim-acme' })]),
      );
      const forecast = await call(client, 'forecast_costs', { days: 30 });
      expect(forecast.isError).toBeFalsy();
      expect(forecast.structuredContent?.points).toHaveLength(30);
      const total = forecast.structuredContent?.total as { value: number; lower: number; upper: number };
      expect(typeof total.value).toBe('number');
      expect(total.lower).toBeLessThanOrEqual(total.upper);

      const summary = await client.readResource({ uri: 'cost://summary' });
      const content = JSON.parse((summary.contents[0] as { text: string }).text);
      expect(typeof content.month_to_date_usd).toBe('number');
      expect(typeof content.forecast_30d.value).toBe('number');
    });

    it('creates a budget as an admin and lists it with its standing', async () => {
      const admin = await mcp('cost-service', acme.admin.token);
      const created = await call(admin, 'create_budget', { name: 'monthly cap', amount_usd: 1 });
      expect(created.structuredContent).toMatchObject({ name: 'monthly cap', amount_usd: 1 });
      const listed = await call(admin, 'list_budgets');
      expect(listed.structuredContent?.items.map((b: { name: string }) => b.name)).toContain('monthly cap');
      const alerts = await call(admin, 'list_alerts');
      expect(alerts.isError).toBeFalsy();
    });

    it('renders monthly_cost_review with the provider and its numbers', async () => {
      const admin = await mcp('cost-service', acme.admin.token);
      await call(admin, 'create_budget', { name: 'review cap', amount_usd: 100000 });
      const client = await mcp('cost-service', acme.members.viewer.token);
      const { prompts } = await client.listPrompts();
      expect(prompts.map((p) => p.name)).toEqual(
        expect.arrayContaining(['monthly_cost_review', 'cost_anomaly_check']),
      );
      // last month is complete, so the provider has spend in it whatever day the suite runs
      const last = new Date();
      last.setUTCDate(1);
      last.setUTCMonth(last.getUTCMonth() - 1);
      const month = last.toISOString().slice(0, 7);
      const prompt = await client.getPrompt({ name: 'monthly_cost_review', arguments: { month } });
      const body = (prompt.messages[0]?.content as { text: string }).text;
      expect(body).toContain(month);
      expect(body).toContain('sim-acme');
      expect(body).toMatch(/prediction interval \$[\d,.]+ – \$[\d,.]+/);
      expect(body).toMatch(/- review cap \(whole tenant\): \$100,000\.00 a month/);

      const anomaly = await client.getPrompt({ name: 'cost_anomaly_check', arguments: {} });
      expect((anomaly.messages[0]?.content as { text: string }).text).toContain('Daily spend');
    });
  });

  describe('iac-service', () => {
    it('exports the inventory as Terraform and as an Ansible inventory', async () => {
      const client = await mcp('iac-service', acme.members.viewer.token);
      const terraform = await call(client, 'export_terraform', { provider: providerId });
      expect(terraform.isError).toBeFalsy();
      expect(terraform.structuredContent).toMatchObject({
        format: 'terraform',
        syntax: 'hcl',
        plan: { status: 'not_requested' },
      });
      expect(terraform.structuredContent?.resource_count).toBeGreaterThan(0);
      expect(terraform.structuredContent?.files['main.tf']).toContain('resource "');
      const ansible = await call(client, 'export_ansible_inventory', { provider: providerId });
      expect(Object.keys(ansible.structuredContent?.files)).toEqual(
        expect.arrayContaining(['inventory.yml', 'inventory.json']),
      );
    });

    it('imports a Terraform state into the inventory, idempotently', async () => {
      const client = await mcp('iac-service', acme.apiKey);
      const state = awsState('i-0acme000000001', 'acme-imported');
      const first = await call(client, 'import_terraform_state', { state });
      expect(first.isError).toBeFalsy();
      expect(first.structuredContent).toMatchObject({ imported: 1, added: 1, skipped: [] });
      expect(first.structuredContent?.providers[0]).toMatchObject({ kind: 'aws', resources: 1 });
      const again = await call(client, 'import_terraform_state', { state: JSON.stringify(state) });
      expect(again.structuredContent).toMatchObject({ imported: 1, added: 0 });

      const viewer = await mcp('iac-service', acme.members.viewer.token);
      const refused = await call(viewer, 'import_terraform_state', { state });
      expect(refused.isError).toBe(true);
    });
  });
});
