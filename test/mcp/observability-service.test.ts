import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { postSteps, startRun, tick } from '../support/runs';
import { type TenantFixture, createTenant } from '../support/tenant-fixture';
import { type TestApp, startTestApp } from '../support/test-app';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const INSPECTOR = join(ROOT, 'node_modules', '.bin', 'mcp-inspector');

async function httpClient(url: string, credential: string): Promise<Client> {
  const client = new Client({ name: 'cockpit-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { authorization: `Bearer ${credential}` } },
    }),
  );
  return client;
}

/** Runs `cockpit mcp` with these JSON-RPC lines on stdin, then closes stdin. */
function pipe(
  lines: unknown[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'mcp', 'observability-service'], {
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
  });
}

async function inspector(args: string[]): Promise<Record<string, any>> {
  const { stdout } = await run(INSPECTOR, ['--cli', ...args], { cwd: ROOT, timeout: 60_000 });
  return JSON.parse(stdout);
}

describe('observability-service MCP server', () => {
  let app: TestApp;
  let base: string;
  let acme: TenantFixture;
  let globex: TenantFixture;

  beforeAll(async () => {
    if (!existsSync(CLI))
      throw new Error('dist/src/cli.js is missing: run `npm run build` (npm test does it)');
    app = await startTestApp();
    base = await app.listen();
    acme = await createTenant(app, 'Acme');
    globex = await createTenant(app, 'Globex');
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('over Streamable HTTP (official SDK client)', () => {
    it('lists its tools with schemas and honest annotations', async () => {
      const client = await httpClient(`${base}/mcp/observability-service`, acme.apiKey);
      const { tools } = await client.listTools();
      const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
      expect(Object.keys(byName)).toEqual(expect.arrayContaining(['list_projects', 'whoami']));
      expect(byName.list_projects?.annotations).toMatchObject({ readOnlyHint: true, idempotentHint: true });
      expect(byName.list_projects?.outputSchema).toMatchObject({
        type: 'object',
        properties: { items: expect.any(Object) },
      });
      await client.close();
    });

    it('scopes every call to the tenant of the credential', async () => {
      const client = await httpClient(`${base}/mcp/observability-service`, acme.admin.token);
      const result = await client.callTool({ name: 'list_projects', arguments: {} });
      expect(result.isError).toBeFalsy();
      const items = (result.structuredContent as { items: { tenant_id: string }[] }).items;
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((p) => p.tenant_id === acme.tenantId)).toBe(true);
      const me = await client.callTool({ name: 'whoami', arguments: {} });
      expect(me.structuredContent).toMatchObject({ kind: 'user', tenant_id: acme.tenantId, role: 'admin' });
      await client.close();
    });

    it('reads a project resource of its own tenant only', async () => {
      const client = await httpClient(`${base}/mcp/observability-service`, acme.admin.token);
      const own = await client.readResource({ uri: `project://${acme.projectId}` });
      expect(JSON.parse((own.contents[0] as { text: string }).text)).toMatchObject({ id: acme.projectId });
      await expect(client.readResource({ uri: `project://${globex.projectId}` })).rejects.toThrow(
        /not_found/,
      );
      await client.close();
    });

    it('rejects arguments the schema does not allow', async () => {
      const client = await httpClient(`${base}/mcp/observability-service`, acme.apiKey);
      const result = await client.callTool({
        name: 'list_projects',
        arguments: { tenant_id: globex.tenantId },
      });
      expect(result.isError).toBe(true);
      await client.close();
    });

    it('answers 401 with an RFC 9728 challenge without a credential', async () => {
      const response = await fetch(`${base}/mcp/observability-service`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
      expect(response.status).toBe(401);
      const challenge = response.headers.get('www-authenticate') as string;
      expect(challenge).toContain('resource_metadata="');
      const metadataUrl = /resource_metadata="([^"]+)"/.exec(challenge)?.[1] as string;
      const metadata = await (await fetch(metadataUrl.replace(/^http:\/\/127\.0\.0\.1:\d+/, base))).json();
      expect(metadata).toMatchObject({
        resource: expect.stringMatching(/\/mcp\/observability-service$/),
        bearer_methods_supported: expect.arrayContaining(['header']),
      });
    });

    it('answers 404 for an unknown server', async () => {
      const response = await fetch(`${base}/mcp/nonexistent`, {
        method: 'POST',
        headers: { authorization: `Bearer ${acme.apiKey}` },
      });
      expect(response.status).toBe(404);
    });
  });

  describe('run tools (read-only)', () => {
    let runA: string;
    let runB: string;

    beforeAll(async () => {
      const steps = (prefix: string, amount: number) => [
        {
          id: `${prefix}-1`,
          kind: 'model',
          name: 'chat',
          model: 'gpt-4o',
          started_at: tick(),
          usage: { input_tokens: 10, output_tokens: 5 },
        },
        {
          id: `${prefix}-2`,
          kind: 'tool',
          name: 'refund',
          tool: 'refund',
          started_at: tick(),
          input: { amount },
        },
      ];
      runA = (await startRun(app, acme.apiKey, { name: 'good' })).id;
      await postSteps(app, acme.apiKey, runA, steps('a', 10));
      runB = (await startRun(app, acme.apiKey, { name: 'bad' })).id;
      await postSteps(app, acme.apiKey, runB, steps('b', 1000));
    });

    it('lists, reads and diffs runs of the caller’s tenant', async () => {
      const client = await httpClient(`${base}/mcp/observability-service`, acme.members.viewer.token);
      const { tools } = await client.listTools();
      for (const name of ['list_runs', 'get_run', 'get_run_steps', 'diff_runs']) {
        expect(tools.find((t) => t.name === name)?.annotations).toMatchObject({ readOnlyHint: true });
      }
      const listed = await client.callTool({ name: 'list_runs', arguments: { limit: 5 } });
      expect((listed.structuredContent as { items: { name: string }[] }).items.map((r) => r.name)).toEqual([
        'bad',
        'good',
      ]);
      const run = await client.callTool({ name: 'get_run', arguments: { run_id: runA } });
      expect(run.structuredContent).toMatchObject({ id: runA, step_count: 2, models: ['gpt-4o'] });
      const steps = await client.callTool({ name: 'get_run_steps', arguments: { run_id: runA } });
      expect((steps.structuredContent as { items: unknown[] }).items).toHaveLength(2);
      const diff = await client.callTool({ name: 'diff_runs', arguments: { runA, runB } });
      expect(diff.isError).toBeFalsy();
      expect((diff.structuredContent as { summary: { changed: number } }).summary.changed).toBe(1);
      const foreign = await client.callTool({
        name: 'get_run',
        arguments: { run_id: (await startRun(app, globex.apiKey)).id },
      });
      expect(foreign.isError).toBe(true);
      await client.close();
    });

    it('serves run://{id} and the explain_regression prompt', async () => {
      const client = await httpClient(`${base}/mcp/observability-service`, acme.apiKey);
      const resource = await client.readResource({ uri: `run://${runB}` });
      const content = JSON.parse((resource.contents[0] as { text: string }).text);
      expect(content).toMatchObject({ run: { id: runB, name: 'bad' }, more_steps: false });
      expect(content.steps).toHaveLength(2);
      const { prompts } = await client.listPrompts();
      expect(prompts.map((p) => p.name)).toContain('explain_regression');
      const prompt = await client.getPrompt({
        name: 'explain_regression',
        arguments: { good_run_id: runA, bad_run_id: runB },
      });
      const text = (prompt.messages[0]?.content as { text: string }).text;
      expect(text).toContain(runB);
      expect(text).toContain('input.amount');
      await client.close();
    });
  });

  describe('over stdio (`cockpit mcp`, the Claude Desktop form)', () => {
    it('relays to the running server with COCKPIT_API_KEY', async () => {
      const client = new Client({ name: 'cockpit-test', version: '1.0.0' });
      await client.connect(
        new StdioClientTransport({
          command: process.execPath,
          args: [CLI, 'mcp', 'observability-service'],
          env: { PATH: process.env.PATH ?? '', COCKPIT_URL: base, COCKPIT_API_KEY: globex.apiKey },
        }),
      );
      const me = await client.callTool({ name: 'whoami', arguments: {} });
      expect(me.structuredContent).toMatchObject({
        kind: 'api_key',
        tenant_id: globex.tenantId,
        project_id: globex.projectId,
      });
      await client.close();
    });

    it('answers every request sent before the client closed stdin, then exits 0', async () => {
      const lines = [
        {
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: {
            protocolVersion: '2025-06-18',
            capabilities: {},
            clientInfo: { name: 't', version: '1' },
          },
        },
        { jsonrpc: '2.0', method: 'notifications/initialized' },
        { jsonrpc: '2.0', id: 2, method: 'tools/list' },
        { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'whoami', arguments: {} } },
      ];
      const { stdout } = await pipe(lines, { COCKPIT_URL: base, COCKPIT_API_KEY: acme.apiKey });
      const answers = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(answers.map((a) => a.id)).toEqual([1, 2, 3]);
      expect(answers[2].result.structuredContent).toMatchObject({ tenant_id: acme.tenantId });
    });

    it('answers each request with a readable JSON-RPC error when Cockpit is unreachable', async () => {
      const { stdout, stderr } = await pipe([{ jsonrpc: '2.0', id: 7, method: 'tools/list' }], {
        COCKPIT_URL: 'http://127.0.0.1:9',
        COCKPIT_API_KEY: acme.apiKey,
      });
      expect(JSON.parse(stdout)).toMatchObject({
        id: 7,
        error: { message: expect.stringContaining('not reachable') },
      });
      expect(stderr).toContain('not reachable');
    });

    it('exits with a readable message and code 2 without an API key', async () => {
      const failed = await run(process.execPath, [CLI, 'mcp', 'observability-service'], {
        env: { PATH: process.env.PATH ?? '' },
      }).catch((error: { code: number; stderr: string }) => error);
      expect(failed).toMatchObject({ code: 2, stderr: expect.stringContaining('COCKPIT_API_KEY') });
    });
  });

  describe('through the MCP Inspector CLI', () => {
    it('lists and calls the tools over stdio', async () => {
      const env = ['-e', `COCKPIT_URL=${base}`, '-e', `COCKPIT_API_KEY=${acme.apiKey}`];
      const listed = await inspector([
        process.execPath,
        CLI,
        'mcp',
        'observability-service',
        ...env,
        '--method',
        'tools/list',
      ]);
      expect(listed.tools.map((t: { name: string }) => t.name)).toEqual(
        expect.arrayContaining(['list_projects', 'whoami']),
      );
      const called = await inspector([
        process.execPath,
        CLI,
        'mcp',
        'observability-service',
        ...env,
        '--method',
        'tools/call',
        '--tool-name',
        'list_projects',
      ]);
      expect(called.isError).toBeFalsy();
      expect(called.structuredContent.items[0].tenant_id).toBe(acme.tenantId);
    });

    it('lists and calls the tools over Streamable HTTP', async () => {
      const url = `${base}/mcp/observability-service/mcp?access_token=${acme.apiKey}`;
      const listed = await inspector([url, '--transport', 'http', '--method', 'tools/list']);
      expect(listed.tools.map((t: { name: string }) => t.name)).toEqual(
        expect.arrayContaining(['list_projects', 'whoami']),
      );
      const called = await inspector([
        url,
        '--transport',
        'http',
        '--method',
        'tools/call',
        '--tool-name',
        'whoami',
      ]);
      expect(called.isError).toBeFalsy();
      expect(called.structuredContent).toMatchObject({ kind: 'api_key', tenant_id: acme.tenantId });
    });
  });
});
