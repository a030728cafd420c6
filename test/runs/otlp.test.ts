import { gzipSync } from 'node:zlib';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as OTLPHttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OTLPProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { call, expectProblem } from '../support/http';
import { type TenantFixture, createTenant } from '../support/tenant-fixture';
import { type TestApp, startTestApp } from '../support/test-app';

const asRunId = (traceId: string) => traceId.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

/** A small agent, instrumented with the OpenTelemetry GenAI conventions: one LLM call, two tool calls. */
async function runAgent(exporter: SpanExporter): Promise<string> {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      'service.name': 'refund-agent',
      'service.version': '2.3.0',
      'deployment.environment.name': 'staging',
    }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('refund-agent');
  const root = tracer.startSpan('invoke_agent refund-agent', {
    attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'refund-agent' },
  });
  const inRoot = trace.setSpan(context.active(), root);
  const llm = tracer.startSpan(
    'chat gpt-4o',
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.request.temperature': 0.2,
        'gen_ai.usage.input_tokens': 1200,
        'gen_ai.usage.output_tokens': 80,
        'gen_ai.input.messages': JSON.stringify([
          { role: 'user', parts: [{ type: 'text', content: 'Refund order 42 for jane@example.com' }] },
        ]),
      },
    },
    inRoot,
  );
  llm.end();
  for (const [tool, args] of [
    ['lookup_order', { order_id: 42 }],
    ['issue_refund', { order_id: 42, amount: 19.9 }],
  ] as const) {
    const span = tracer.startSpan(
      `execute_tool ${tool}`,
      {
        attributes: {
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': tool,
          'gen_ai.tool.call.arguments': JSON.stringify(args),
        },
      },
      inRoot,
    );
    if (tool === 'issue_refund')
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'payment provider timeout' });
    span.end();
  }
  root.end();
  await provider.forceFlush();
  await provider.shutdown();
  return asRunId(root.spanContext().traceId);
}

describe('OTLP trace ingest (POST /v1/traces)', () => {
  let app: TestApp;
  let base: string;
  let acme: TenantFixture;

  beforeAll(async () => {
    app = await startTestApp();
    base = await app.listen();
    acme = await createTenant(app, 'Acme');
  });
  afterAll(async () => {
    await app?.close();
  });

  async function expectAgentRun(runId: string) {
    const run = await call(app, 'GET', `/v1/runs/${runId}`, { auth: acme.apiKey });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({
      name: 'invoke_agent refund-agent',
      status: 'succeeded',
      project_id: acme.projectId,
      step_count: 4,
      tool_count: 2,
      error_count: 1,
      models: ['gpt-4o'],
      tools: ['issue_refund', 'lookup_order'],
      usage: { input_tokens: 1200, output_tokens: 80 },
      metadata: expect.objectContaining({ env: 'staging', release: '2.3.0', service_name: 'refund-agent' }),
    });
    const tree = await call(app, 'GET', `/v1/runs/${runId}/steps?view=tree`, { auth: acme.apiKey });
    expect(tree.body.items).toHaveLength(1);
    const [root] = tree.body.items;
    expect(root).toMatchObject({ kind: 'custom', parent_id: null });
    expect(
      root.children.map((c: { kind: string; model: string | null; tool: string | null }) => [
        c.kind,
        c.model ?? c.tool,
      ]),
    ).toEqual([
      ['model', 'gpt-4o'],
      ['tool', 'lookup_order'],
      ['tool', 'issue_refund'],
    ]);
    const [llm, lookup, refund] = root.children;
    expect(llm).toMatchObject({
      usage: { input_tokens: 1200, output_tokens: 80 },
      model_params: { temperature: 0.2 },
      cost_source: 'computed',
    });
    expect(lookup.input).toEqual({ order_id: 42 });
    expect(refund.error).toMatchObject({ message: 'payment provider timeout' });
    expect(JSON.stringify(llm.input)).not.toContain('jane@example.com');
  }

  it('takes a trace from the real protobuf exporter', async () => {
    const runId = await runAgent(
      new OTLPProtoExporter({
        url: `${base}/v1/traces`,
        headers: { authorization: `Bearer ${acme.apiKey}` },
      }),
    );
    await expectAgentRun(runId);
  });

  it('takes a trace from the real JSON exporter, gzipped', async () => {
    const runId = await runAgent(
      new OTLPHttpJsonExporter({
        url: `${base}/v1/traces`,
        headers: { 'x-api-key': acme.apiKey },
        compression: 'gzip' as never,
      }),
    );
    await expectAgentRun(runId);
  });

  it('does not duplicate steps when an export is retried', async () => {
    const body = JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [] },
          scopeSpans: [
            {
              scope: { name: 'test' },
              spans: [
                {
                  traceId: '5b8efff798038103d269b633813fc60c',
                  spanId: 'eee19b7ec3c1b174',
                  name: 'root',
                  kind: 1,
                  startTimeUnixNano: '1700000000000000000',
                  endTimeUnixNano: '1700000001000000000',
                  status: {},
                },
              ],
            },
          ],
        },
      ],
    });
    for (let i = 0; i < 3; i++) {
      const reply = await app.cockpit.app.inject({
        method: 'POST',
        url: '/v1/traces',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${acme.apiKey}` },
        payload: body,
      });
      expect(reply.statusCode).toBe(200);
      expect(JSON.parse(reply.body)).toEqual({});
    }
    const run = await call(app, 'GET', '/v1/runs/5b8efff7-9803-8103-d269-b633813fc60c', {
      auth: acme.apiKey,
    });
    expect(run.body.step_count).toBe(1);
  });

  it('answers malformed exports with 400 and other media types with 415', async () => {
    const post = (payload: Buffer | string, headers: Record<string, string>) =>
      app.cockpit.app.inject({
        method: 'POST',
        url: '/v1/traces',
        headers: { authorization: `Bearer ${acme.apiKey}`, ...headers },
        payload,
      });
    const garbage = await post(Buffer.from([0x0a, 0xff, 0xff, 0x01]), {
      'content-type': 'application/x-protobuf',
    });
    expect(garbage.statusCode).toBe(400);
    const badJson = await post('{"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": "zz"}]}]}]}', {
      'content-type': 'application/json',
    });
    expect(badJson.statusCode).toBe(400);
    expect(JSON.parse(badJson.body).errors[0].path).toMatch(/traceId/);
    expect((await post('hello', { 'content-type': 'text/plain' })).statusCode).toBe(415);
    expect(
      (await post(gzipSync('{}'), { 'content-type': 'application/json', 'content-encoding': 'br' }))
        .statusCode,
    ).toBe(415);
  });

  it('refuses a decompression bomb', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    const reply = await app.cockpit.app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        authorization: `Bearer ${acme.apiKey}`,
      },
      payload: bomb,
    });
    expectProblem(
      {
        status: reply.statusCode,
        headers: reply.headers as Record<string, string>,
        body: JSON.parse(reply.body),
      },
      413,
      'body-too-large',
    );
  });

  it('needs a project API key (or a user token naming the project) and the developer role', async () => {
    const viewerKey = await call(app, 'POST', `/v1/projects/${acme.projectId}/api-keys`, {
      auth: acme.admin.token,
      body: { name: 'read', role: 'viewer' },
    });
    const reply = await app.cockpit.app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${viewerKey.body.key}` },
      payload: '{}',
    });
    expect(reply.statusCode).toBe(403);
    const asUser = await app.cockpit.app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${acme.members.developer.token}`,
      },
      payload: JSON.stringify({
        resourceSpans: [
          {
            resource: { attributes: [] },
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: '6b8efff798038103d269b633813fc60c',
                    spanId: 'eee19b7ec3c1b174',
                    name: 'x',
                    startTimeUnixNano: '1700000000000000000',
                  },
                ],
              },
            ],
          },
        ],
      }),
    });
    expect(asUser.statusCode).toBe(400);
    expect(JSON.parse(asUser.body).detail).toContain('cockpit.project_id');
  });
});
