import { HumanMessage, type AIMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { FakeRetriever } from '@langchain/core/utils/testing';
import { Document } from '@langchain/core/documents';
import { END, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
import { ToolNode } from '@langchain/langgraph/prebuilt';
import { z } from 'zod';
import { BlockedError, Cockpit, CockpitCallbackHandler, type Run, gateTool } from '../../sdk/typescript/src';
import { call } from '../support/http';
import { type TenantFixture, createTenant } from '../support/tenant-fixture';
import { type TestApp, startTestApp } from '../support/test-app';
import { ScriptedChatModel, aiMessage } from './support/ts-fake-chat-model';
import { type StubServer, startStubServer } from './support/ts-stub-server';

/**
 * The LangChain.js / LangGraph.js integration with the real libraries: a StateGraph with a chat
 * model, a ToolNode and a retriever, traced by CockpitCallbackHandler into a real Cockpit, and a
 * tool wrapped by gateTool.
 */

const lookupOrder = tool(async ({ order_id }) => JSON.stringify({ order_id, status: 'shipped' }), {
  name: 'lookup_order',
  description: 'Look up an order by id',
  schema: z.object({ order_id: z.string() }),
});

function supportGraph(tools: Parameters<typeof gateTool>[0][], script: AIMessage[]) {
  const model = new ScriptedChatModel(script);
  const retriever = new FakeRetriever({
    output: [new Document({ pageContent: 'Orders ship in 2 days.', metadata: { source: 'faq' } })],
  });
  return new StateGraph(MessagesAnnotation)
    .addNode('retrieve', async (state, config) => {
      const docs = await retriever.invoke(String(state.messages[0]!.content), config);
      return { messages: [new HumanMessage(`Context: ${docs.map((d) => d.pageContent).join(' ')}`)] };
    })
    .addNode('agent', async (state, config) => ({ messages: [await model.invoke(state.messages, config)] }))
    .addNode('tools', new ToolNode(tools as never[]))
    .addEdge(START, 'retrieve')
    .addEdge('retrieve', 'agent')
    .addConditionalEdges('agent', (state) =>
      ((state.messages.at(-1) as AIMessage).tool_calls?.length ?? 0) > 0 ? 'tools' : END,
    )
    .addEdge('tools', 'agent')
    .compile();
}

const SCRIPT = () => [
  aiMessage('', { input: 20, output: 8 }, [
    { name: 'lookup_order', args: { order_id: 'o-42' }, id: 'call-1' },
  ]),
  aiMessage('Your order o-42 has shipped.', { input: 40, output: 6 }),
];

describe('LangGraph traced by CockpitCallbackHandler into a real Cockpit', () => {
  let app: TestApp;
  let acme: TenantFixture;
  let cockpit: Cockpit;
  let errors: Error[];

  beforeAll(async () => {
    app = await startTestApp();
    await app.listen();
    acme = await createTenant(app, 'Acme');
  });
  beforeEach(() => {
    errors = [];
    cockpit = new Cockpit({ baseUrl: app.url, apiKey: acme.apiKey, onError: (error) => errors.push(error) });
  });
  afterEach(async () => {
    await cockpit.close();
  });
  afterAll(async () => {
    await app?.close();
  });

  const stepsOf = async (run: Run) =>
    (await call(app, 'GET', `/v1/runs/${run.id}/steps?limit=500`, { auth: acme.apiKey })).body.items as any[];

  it('records graph nodes, model calls with token usage, tool calls and retrievals, nested', async () => {
    const run = await cockpit.startRun({ name: 'langgraph-support' });
    const handler = new CockpitCallbackHandler({ run });
    const result = await supportGraph([lookupOrder], SCRIPT()).invoke(
      { messages: [new HumanMessage('Where is order o-42?')] },
      { callbacks: [handler] },
    );
    expect(result.messages.at(-1)!.content).toBe('Your order o-42 has shipped.');
    await run.finish();

    const steps = await stepsOf(run);
    const byId = new Map(steps.map((s) => [s.id, s]));
    const parentName = (step: any) => byId.get(step.parent_id)?.name;

    const models = steps.filter((s) => s.kind === 'model');
    expect(models).toHaveLength(2);
    expect(models.map((m) => m.usage)).toEqual([
      { input_tokens: 20, output_tokens: 8 },
      { input_tokens: 40, output_tokens: 6 },
    ]);
    expect(models[0]).toMatchObject({ model: 'scripted-model-1', model_params: { temperature: 0 } });
    expect(models[0].input.messages[0]).toEqual({ role: 'human', content: 'Where is order o-42?' });
    expect(models[0].output.tool_calls).toEqual([
      expect.objectContaining({ name: 'lookup_order', args: { order_id: 'o-42' }, id: 'call-1' }),
    ]);
    for (const model of models) expect(parentName(model)).toBe('agent');

    const [toolStep] = steps.filter((s) => s.kind === 'tool');
    expect(toolStep).toMatchObject({
      tool: 'lookup_order',
      input: { order_id: 'o-42' },
      output: { role: 'tool', tool_call_id: 'call-1', content: '{"order_id":"o-42","status":"shipped"}' },
      metadata: expect.objectContaining({ tool_call_id: 'call-1', langgraph_node: 'tools' }),
    });
    expect(parentName(toolStep)).toBe('tools');

    const [retrieval] = steps.filter((s) => s.kind === 'retrieval');
    expect(retrieval).toMatchObject({
      input: { query: 'Where is order o-42?' },
      output: [{ page_content: 'Orders ship in 2 days.', metadata: { source: 'faq' } }],
    });
    expect(parentName(retrieval)).toBe('retrieve');

    // Graph nodes are custom steps under the graph's own step; every parent exists.
    const nodes = steps.filter((s) => s.kind === 'custom').map((s) => s.name);
    expect(nodes).toEqual(expect.arrayContaining(['LangGraph', 'retrieve', 'agent', 'tools']));
    for (const step of steps) if (step.parent_id) expect(byId.has(step.parent_id)).toBe(true);
    expect(steps.filter((s) => !s.parent_id).map((s) => s.name)).toEqual(['LangGraph']);

    const view = (await call(app, 'GET', `/v1/runs/${run.id}`, { auth: acme.apiKey })).body;
    expect(view).toMatchObject({ usage: { input_tokens: 60, output_tokens: 14 }, tools: ['lookup_order'] });
    expect(errors).toEqual([]);
  });

  it('records a failing tool with its error and a failing model call', async () => {
    const run = await cockpit.startRun();
    const handler = new CockpitCallbackHandler({ run, parentId: undefined, recordChains: false });
    const broken = tool(
      () => {
        throw new Error('warehouse offline');
      },
      { name: 'broken', description: 'fails', schema: z.object({}) },
    );
    await expect(broken.invoke({}, { callbacks: [handler] })).rejects.toThrow('warehouse offline');
    const model = new ScriptedChatModel([]);
    await expect(model.invoke('hi', { callbacks: [handler] })).rejects.toThrow();
    await run.finish();
    const steps = await stepsOf(run);
    expect(steps.map((s) => [s.kind, s.error?.message])).toEqual([
      ['tool', 'warehouse offline'],
      ['model', expect.any(String)],
    ]);
  });
});

describe('gateTool around a LangChain tool (stand-in governance)', () => {
  let stub: StubServer;
  let cockpit: Cockpit;
  let decision: 'allow' | 'block';
  let executed: unknown[];

  const refund = tool(
    async ({ order_id, amount }) => {
      executed.push({ order_id, amount });
      return `refunded ${amount} on ${order_id}`;
    },
    {
      name: 'issue_refund',
      description: 'Refund an order',
      schema: z.object({ order_id: z.string(), amount: z.number() }),
    },
  );

  beforeEach(async () => {
    stub = await startStubServer();
    decision = 'allow';
    executed = [];
    stub.on('POST', /^\/v1\/policies:evaluate$/, () => ({
      status: 200,
      body: {
        decision,
        policy_version: 1,
        reasons: [],
        payload_hash: 'h',
        ...(decision === 'allow' ? { decision_token: 'tok-1' } : {}),
      },
    }));
    cockpit = new Cockpit({
      baseUrl: stub.url,
      apiKey: 'ck_test',
      onError: (error) => {
        throw error;
      },
    });
  });
  afterEach(async () => {
    await cockpit.close();
    await stub.close();
  });

  const sentSteps = () => stub.requestsTo('POST', /\/steps$/).flatMap((r) => r.body.steps as any[]);

  it('keeps the tool usable as a tool: name, schema, invoke, and instanceof', async () => {
    const run = await cockpit.startRun();
    const gated = gateTool(refund, { run });
    expect(gated.name).toBe('issue_refund');
    expect(gated.schema).toBe(refund.schema);
    expect(Object.getPrototypeOf(gated)).toBe(refund);
    await expect(gated.invoke({ order_id: 'o-1', amount: 5 })).resolves.toBe('refunded 5 on o-1');
    expect(executed).toEqual([{ order_id: 'o-1', amount: 5 }]);
    await expect(gated.invoke({ order_id: 'o-1' } as never)).rejects.toThrow(/schema/);
    expect(stub.requestsTo('POST', '/v1/policies:evaluate')).toHaveLength(1);
  });

  it('gates the tool inside a LangGraph ToolNode; the gate reports its step, the handler does not', async () => {
    const run = await cockpit.startRun();
    const handler = new CockpitCallbackHandler({ run });
    const gated = gateTool(refund, { run, risk: 'high', tracer: handler });
    const script = [
      aiMessage('', { input: 5, output: 5 }, [
        { name: 'issue_refund', args: { order_id: 'o-9', amount: 30 }, id: 'c1' },
      ]),
      aiMessage('Done.', { input: 5, output: 2 }),
    ];
    await supportGraph([gated], script).invoke(
      { messages: [new HumanMessage('refund o-9')] },
      { callbacks: [handler] },
    );
    await run.finish();

    const [evaluated] = stub.requestsTo('POST', '/v1/policies:evaluate');
    expect(evaluated!.body).toMatchObject({
      tool: 'issue_refund',
      arguments: { order_id: 'o-9', amount: 30 },
      risk: 'high',
      run_id: run.id,
      issue_token: true,
    });
    const tools = sentSteps().filter((s) => s.kind === 'tool');
    expect(tools).toEqual([
      expect.objectContaining({
        id: evaluated!.body.step_id,
        tool: 'issue_refund',
        input: { order_id: 'o-9', amount: 30 },
        output: 'refunded 30 on o-9',
        decision_token: 'tok-1',
      }),
    ]);
    expect(evaluated!.body.step_id).toMatch(/^lc:/);
    const toolsNode = sentSteps().find((s) => s.kind === 'custom' && s.name === 'tools');
    expect(tools[0].parent_id).toBe(toolsNode.id);
    expect(executed).toHaveLength(1);
  });

  it('never runs a blocked tool', async () => {
    decision = 'block';
    const run = await cockpit.startRun();
    const gated = gateTool(refund, { run });
    await expect(gated.invoke({ order_id: 'o-2', amount: 1 })).rejects.toBeInstanceOf(BlockedError);
    await cockpit.flush();
    expect(executed).toEqual([]);
    expect(sentSteps().filter((s) => s.kind === 'tool')).toEqual([]);
  });

  it('refuses what is not a tool', () => {
    expect(() => gateTool({ name: 'x' }, { run: {} as Run })).toThrow(TypeError);
  });
});
