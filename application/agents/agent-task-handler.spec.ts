import { AgentDirectory } from '../../domain/agents/roster';
import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { FakeClock } from '../../test/support/fakes/clock.fake';
import { FakeAppendSteps, FakeAuditLog, aNodeRun } from '../../test/support/fakes/agents.fake';
import { type NodeOutcome, done, wait } from '../workflows/node-handler';
import { type ActionContext, AgentActions, ACTION_NAMES } from './agent-actions';
import { agentTaskHandler } from './agent-task-handler';

type Perform = (ctx: ActionContext) => Promise<Result<NodeOutcome>>;

function setup(perform: Perform = async () => ok(done({ fine: true }))) {
  const calls: ActionContext[] = [];
  const actions = new AgentActions(
    Object.values(ACTION_NAMES).map((name) => ({
      name,
      description: name,
      risk: 'low' as const,
      perform: async (ctx: ActionContext) => {
        calls.push(ctx);
        return perform(ctx);
      },
    })),
  );
  const steps = new FakeAppendSteps();
  const audit = new FakeAuditLog();
  const handler = agentTaskHandler({
    agents: new AgentDirectory(),
    actions,
    appendSteps: steps,
    audit,
    clock: new FakeClock(),
  });
  return { handler, steps, audit, calls };
}

describe('agent.task', () => {
  it('fails the node for good, records an error step and audits a call the agent is not permitted', async () => {
    const { handler, steps, audit, calls } = setup();
    const result = await handler(
      aNodeRun({ agent: 'PMA', action: 'cloud.lifecycle', params: { resource_id: 'r' } }, { key: 'stop' }),
    );

    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'forbidden', reason: 'action_not_permitted' }),
    });
    expect(calls).toHaveLength(0);
    expect(steps.stepsOf()).toEqual([
      expect.objectContaining({
        id: 'stop:denied',
        kind: 'error',
        tool: 'cloud.lifecycle',
        error: expect.objectContaining({ code: 'forbidden' }),
      }),
    ]);
    expect(audit.entries).toEqual([
      expect.objectContaining({
        action: 'agent.action_denied',
        actor: { kind: 'user', id: 'u-1' },
        target: { type: 'agent', id: 'PMA' },
        data: expect.objectContaining({
          agent_action: 'cloud.lifecycle',
          node_key: 'stop',
          workflow_id: 'wf-1',
          reason: 'action_not_permitted',
        }),
      }),
    ]);
  });

  it.each([
    ['an unknown agent', { agent: 'XYZ', action: 'cost.analyze' }, 'unknown_agent'],
    ['the orchestrator itself', { agent: 'EPA', action: 'cost.analyze' }, 'not_l2'],
    [
      'a worker for an action its L2 lacks',
      { agent: 'FIA', action: 'cloud.lifecycle', worker: true },
      'action_not_permitted',
    ],
  ])('denies and audits %s', async (_label, input, reason) => {
    const { handler, audit, calls } = setup();
    const result = await handler(aNodeRun(input));
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden', reason }) });
    expect(calls).toHaveLength(0);
    expect(audit.entries).toHaveLength(1);
  });

  it('hands a worker task to an L1 that holds only that one action', async () => {
    const { handler, steps, calls } = setup();
    const run = aNodeRun(
      { agent: 'DOA', action: ACTION_NAMES.migrationExecuteWorkload, worker: true, delegated_by: 'MVA' },
      { key: 'execute:web-01' },
    );
    expect(await handler(run)).toEqual({ ok: true, value: done({ fine: true }) });
    expect(calls[0]?.agent).toBe('DOA.L1.execute:web-01');
    expect(steps.stepsOf()[0]).toEqual(
      expect.objectContaining({
        id: 'execute:web-01:delegate',
        name: 'delegate: MVA → DOA → DOA.L1.execute:web-01',
        output: { action: 'migration.execute_workload', permissions: ['migration.execute_workload'] },
      }),
    );
  });

  it('records the delegation, the action and its nested steps as one tree', async () => {
    const { handler, steps } = setup(async (ctx) => {
      await ctx.record({ id: 'call-1', kind: 'tool', name: 'cloud call', tool: 'sim.get', output: { n: 1 } });
      return ok(done({ total_usd: 12 }));
    });
    await handler(
      aNodeRun({ agent: 'FIA', action: 'cost.analyze', params: { group_by: 'service' } }, { key: 'costs' }),
    );
    expect(steps.stepsOf().map((s) => [s.id, s.kind, s.parent_id ?? null])).toEqual([
      ['costs:delegate', 'custom', null],
      ['costs:a1:call-1', 'tool', 'costs:a1:tool'],
      ['costs:a1:tool', 'tool', 'costs:delegate'],
    ]);
    expect(steps.stepsOf()[2]).toEqual(
      expect.objectContaining({
        tool: 'cost.analyze',
        input: { group_by: 'service' },
        output: { total_usd: 12 },
        name: 'FIA: cost.analyze',
      }),
    );
  });

  it('writes the same step ids when a node is delivered twice, so nothing is duplicated', async () => {
    const { handler, steps } = setup(async (ctx) => {
      await ctx.record({ id: 'inner', kind: 'custom', name: 'inner' });
      return ok(done());
    });
    const run = aNodeRun({ agent: 'GA', action: 'threats.review' }, { key: 'threats' });
    await handler(run);
    const first = steps.stepsOf().map((s) => s.id);
    await handler(run);
    expect(steps.stepsOf().map((s) => s.id)).toEqual(first);
    expect(steps.sent.filter((id) => id === 'threats:a1:tool')).toHaveLength(2);
  });

  it('tells a retried attempt apart but the delegation once', async () => {
    const { handler, steps } = setup(async (ctx) =>
      ctx.run.node.attempt === 1 ? err(DomainError.upstream('cloud down')) : ok(done()),
    );
    const first = await handler(
      aNodeRun({ agent: 'FIA', action: 'cost.forecast' }, { key: 'f', attempt: 1 }),
    );
    expect(first).toEqual({ ok: false, error: expect.objectContaining({ code: 'upstream' }) });
    await handler(aNodeRun({ agent: 'FIA', action: 'cost.forecast' }, { key: 'f', attempt: 2 }));
    expect(steps.stepsOf().map((s) => s.id)).toEqual(['f:delegate', 'f:a1:tool', 'f:a2:tool']);
    expect(steps.stepsOf()[1]?.error).toEqual({ code: 'upstream', message: 'cloud down', reason: null });
  });

  it('records no action step while the action waits, and records it once it is done', async () => {
    const { handler, steps } = setup(async (ctx) =>
      ctx.run.node.state
        ? ok(done({ approved: true }))
        : ok(wait('approval_pending', 1000, { approval_id: 'a' })),
    );
    const input = { agent: 'DOA', action: 'cloud.lifecycle' };
    const waiting = await handler(aNodeRun(input, { key: 'stop' }));
    expect(waiting.ok && waiting.value.kind).toBe('wait');
    expect(steps.stepsOf().map((s) => s.id)).toEqual(['stop:delegate']);
    await handler(aNodeRun(input, { key: 'stop', state: { approval_id: 'a' } }));
    expect(steps.stepsOf().map((s) => s.id)).toEqual(['stop:delegate', 'stop:a1:tool']);
  });

  it('performs the action without recording when the workflow reports into no run', async () => {
    const { handler, steps, calls } = setup();
    await handler(aNodeRun({ agent: 'FIA', action: 'cost.analyze' }, { runId: null }));
    expect(calls).toHaveLength(1);
    expect(steps.sent).toEqual([]);
  });

  it('refuses a malformed task input', async () => {
    const { handler } = setup();
    expect(await handler(aNodeRun({ agent: 'FIA' }))).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'validation',
        fields: [expect.objectContaining({ path: 'input.action' })],
      }),
    });
  });
});
