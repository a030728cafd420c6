import { HumanMessage, type AIMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { END, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
import { ToolNode } from '@langchain/langgraph/prebuilt';
import { z } from 'zod';
import {
  ApprovalTimeoutError,
  BlockedError,
  Cockpit,
  CockpitCallbackHandler,
  DeniedError,
  type Run,
  StepRejectedError,
  StepsDroppedError,
  gateTool,
  hitlGate,
  payloadHash,
} from '../../sdk/typescript/src';
import { call } from '../support/http';
import { type TenantFixture, createTenant } from '../support/tenant-fixture';
import { type TestApp, startTestApp } from '../support/test-app';
import { ScriptedChatModel, aiMessage } from './support/ts-fake-chat-model';

/**
 * The TypeScript SDK's gate against a real Cockpit (PROTOCOL.md, "Gating a tool call"): policies,
 * approvals decided by the approver member, decision tokens checked at step ingest. Needs the
 * governance endpoints (/v1/policies, /v1/policies:evaluate, /v1/approvals).
 */

const REFUND = { order_id: 'o-42', amount: 120.5, note: 'customer asked twice' };

describe('TypeScript SDK gate against a real Cockpit', () => {
  let app: TestApp;
  let acme: TenantFixture;
  let cockpit: Cockpit;
  let run: Run;
  let errors: Error[];
  let executed: unknown[];

  const issueRefund = (args: typeof REFUND) => {
    executed.push(args);
    return { refund_id: `r-${args.order_id}`, amount: args.amount };
  };
  const stepsOf = async (runId: string) =>
    (await call(app, 'GET', `/v1/runs/${runId}/steps?limit=500`, { auth: acme.apiKey })).body.items as any[];

  /** The approver's inbox, polled until the run's approval shows up. */
  async function pendingApproval(runId: string): Promise<any> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const inbox = await call(app, 'GET', `/v1/approvals?run_id=${runId}&status=pending`, {
        auth: acme.members.approver.token,
      });
      expect(inbox.status).toBe(200);
      if (inbox.body.items.length > 0) return inbox.body.items[0];
      if (Date.now() > deadline) throw new Error('no pending approval appeared');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const decide = (approvalId: string, verdict: 'approve' | 'deny', reason: string) =>
    call(app, 'POST', `/v1/approvals/${approvalId}:${verdict}`, {
      auth: acme.members.approver.token,
      body: { reason },
    });

  beforeAll(async () => {
    app = await startTestApp();
    await app.listen();
    acme = await createTenant(app, 'Acme');
    // The project's first policy, so it is the active one.
    const policy = await call(app, 'POST', '/v1/policies', {
      auth: acme.admin.token,
      body: {
        name: 'payments',
        rules: [
          { tools: ['issue_refund'], decision: 'require_approval' },
          { tools: ['drop_*'], decision: 'block' },
        ],
      },
    });
    expect(policy.status).toBe(201);
  });
  beforeEach(async () => {
    errors = [];
    executed = [];
    cockpit = new Cockpit({
      baseUrl: app.url,
      apiKey: acme.apiKey,
      agent: 'refund-bot',
      onError: (error) => errors.push(error),
    });
    run = await cockpit.startRun({ name: 'gated' });
  });
  afterEach(async () => {
    await cockpit.close();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('runs an allowed tool at once and the server accepts its step with the decision token', async () => {
    const lookup = hitlGate(
      'lookup_order',
      (args: { order_id: string }) => ({ status: 'shipped', ...args }),
      {
        run,
      },
    );
    await expect(lookup({ order_id: 'o-1' })).resolves.toEqual({ status: 'shipped', order_id: 'o-1' });
    await run.finish();
    const steps = await stepsOf(run.id);
    const toolStep = steps.find((s) => s.kind === 'tool');
    expect(toolStep).toMatchObject({ tool: 'lookup_order', input: { order_id: 'o-1' } });
    expect(toolStep.decision_token_id).toEqual(expect.any(String));
    expect(steps.find((s) => s.id === `${toolStep.id}:policy`)).toMatchObject({ kind: 'policy' });
    expect(errors).toEqual([]);
  });

  it('waits for the approver, then runs the tool once with the approved token', async () => {
    const refund = hitlGate('issue_refund', issueRefund, {
      run,
      risk: 'high',
      summary: (args) => `Refund ${args.amount} on ${args.order_id}`,
    });
    const pending = refund(REFUND);
    const approval = await pendingApproval(run.id);
    expect(approval).toMatchObject({
      tool: 'issue_refund',
      risk: 'high',
      summary: 'Refund 120.5 on o-42',
      payload_hash: payloadHash('issue_refund', REFUND),
    });
    expect(executed).toEqual([]);
    expect((await decide(approval.id, 'approve', 'customer is eligible')).status).toBe(200);

    await expect(pending).resolves.toEqual({ refund_id: 'r-o-42', amount: 120.5 });
    expect(executed).toEqual([REFUND]);
    await run.finish();
    const toolStep = (await stepsOf(run.id)).find((s) => s.kind === 'tool');
    expect(toolStep).toMatchObject({ tool: 'issue_refund', output: { refund_id: 'r-o-42', amount: 120.5 } });
    expect(toolStep.decision_token_id).toEqual(expect.any(String));
    expect(errors).toEqual([]);
  });

  it('throws DeniedError with the approver’s reason, and the tool never runs', async () => {
    const pending = hitlGate('issue_refund', issueRefund, { run, risk: 'high' })(REFUND);
    const approval = await pendingApproval(run.id);
    expect((await decide(approval.id, 'deny', 'refund window closed')).status).toBe(200);
    const failure = await pending.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DeniedError);
    expect(failure).toMatchObject({ approvalId: approval.id, reason: 'refund window closed' });
    await run.finish();
    expect(executed).toEqual([]);
    expect((await stepsOf(run.id)).filter((s) => s.kind === 'tool')).toEqual([]);
  });

  it('throws BlockedError for a blocked tool without asking anyone', async () => {
    const drop = hitlGate('drop_customers', () => executed.push('dropped'), { run });
    const failure = await drop({ table: 'customers' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BlockedError);
    expect(executed).toEqual([]);
    const inbox = await call(app, 'GET', `/v1/approvals?run_id=${run.id}`, {
      auth: acme.members.approver.token,
    });
    expect(inbox.body.items).toEqual([]);
  });

  it('throws ApprovalTimeoutError when nobody decides in time, and the tool never runs', async () => {
    const failure = await hitlGate('issue_refund', issueRefund, { run, risk: 'low', timeoutMs: 1500 })(
      REFUND,
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApprovalTimeoutError);
    expect(failure).toMatchObject({ expired: false });
    expect(executed).toEqual([]);
  });

  it('reports an approval that expires on the server as a timeout', async () => {
    const failure = await hitlGate('issue_refund', issueRefund, {
      run,
      risk: 'low',
      approvalTtlSeconds: 10,
      timeoutMs: 30_000,
    })(REFUND).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApprovalTimeoutError);
    expect(failure).toMatchObject({ expired: true });
    expect(executed).toEqual([]);
  }, 45_000);

  it('has the server refuse a tool step whose input is not what was approved', async () => {
    const lookup = hitlGate(
      'lookup_order',
      (_args: { order_id: string }, { decisionToken }) => {
        // A buggy or malicious caller reuses the token for another call.
        run.step({ kind: 'tool', tool: 'lookup_order', input: { order_id: 'o-999' }, decisionToken });
      },
      { run },
    );
    await lookup({ order_id: 'o-1' });
    await run.finish();
    // Refused per step (207), or as the whole request when the batch held that step alone (403).
    const statuses = errors.map((e) =>
      e instanceof StepRejectedError
        ? e.status
        : e instanceof StepsDroppedError
          ? (e.cause as any)?.status
          : null,
    );
    expect(statuses).toEqual([403]);
    const tools = (await stepsOf(run.id)).filter((s) => s.kind === 'tool');
    expect(tools.map((s) => s.input)).toEqual([{ order_id: 'o-1' }]);
  });

  it('gates a LangChain tool inside a LangGraph ToolNode until the approver approves', async () => {
    const handler = new CockpitCallbackHandler({ run });
    const refundTool = tool(async (args) => JSON.stringify(issueRefund(args)), {
      name: 'issue_refund',
      description: 'Refund an order',
      schema: z.object({ order_id: z.string(), amount: z.number(), note: z.string() }),
    });
    const model = new ScriptedChatModel([
      aiMessage('', { input: 10, output: 5 }, [{ name: 'issue_refund', args: REFUND, id: 'call-1' }]),
      aiMessage('Refunded.', { input: 20, output: 3 }),
    ]);
    const graph = new StateGraph(MessagesAnnotation)
      .addNode('agent', async (state, config) => ({ messages: [await model.invoke(state.messages, config)] }))
      .addNode('tools', new ToolNode([gateTool(refundTool, { run, risk: 'high', tracer: handler })]))
      .addEdge(START, 'agent')
      .addConditionalEdges('agent', (state) =>
        ((state.messages.at(-1) as AIMessage).tool_calls?.length ?? 0) > 0 ? 'tools' : END,
      )
      .addEdge('tools', 'agent')
      .compile();

    const invoked = graph.invoke({ messages: [new HumanMessage('refund o-42')] }, { callbacks: [handler] });
    const approval = await pendingApproval(run.id);
    expect(executed).toEqual([]);
    await decide(approval.id, 'approve', 'ok');
    const result = await invoked;
    expect(result.messages.at(-1)!.content).toBe('Refunded.');
    expect(executed).toEqual([REFUND]);
    await run.finish();

    const steps = await stepsOf(run.id);
    const tools = steps.filter((s) => s.kind === 'tool');
    expect(tools).toHaveLength(1);
    expect(tools[0]).toMatchObject({
      tool: 'issue_refund',
      input: REFUND,
      decision_token_id: expect.any(String),
    });
    expect(steps.find((s) => s.id === tools[0].parent_id)).toMatchObject({ kind: 'custom', name: 'tools' });
    expect(errors).toEqual([]);
  });
});
