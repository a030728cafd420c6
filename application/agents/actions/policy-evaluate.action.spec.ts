import { ok } from '../../../domain/shared/result';
import { AGENTS_PROJECT, AGENTS_RUN, anActionContext } from '../../../test/support/fakes/agents.fake';
import { policyEvaluateAction } from './policy-evaluate.action';

const decisionFor = (tool: string) =>
  tool === 'cloud.terminate' ? 'require_approval' : tool === 'cloud.stop' ? 'block' : 'allow';

function setup() {
  const evaluate = {
    execute: jest.fn(
      async (_actor: unknown, input: { tool: string }) =>
        ok({ decision: decisionFor(input.tool), reasons: ['r'], policy_version: 3 }) as never,
    ),
  };
  return { action: policyEvaluateAction(evaluate), evaluate };
}

describe('policy.evaluate', () => {
  it('decides each call in the run, as the policy step the use case records', async () => {
    const { action, evaluate } = setup();
    const ctx = anActionContext(
      {
        calls: [
          { agent: 'DOA', tool: 'cloud.terminate', risk: 'high' },
          { tool: 'cloud.stop' },
          { tool: 'cloud.start' },
        ],
      },
      { agent: 'GA', key: 'policy' },
    );
    const result = await action.perform(ctx);
    expect(result).toEqual({
      ok: true,
      value: {
        kind: 'done',
        output: expect.objectContaining({ allowed: 1, approval_required: 1, blocked: 1 }),
      },
    });
    expect(evaluate.execute.mock.calls.map((c) => c[1])).toEqual([
      expect.objectContaining({
        agent: 'DOA',
        tool: 'cloud.terminate',
        run_id: AGENTS_RUN,
        step_id: 'policy:a1:policy_0',
      }),
      expect.objectContaining({ agent: 'GA', tool: 'cloud.stop', step_id: 'policy:a1:policy_1' }),
      expect.objectContaining({ tool: 'cloud.start', step_id: 'policy:a1:policy_2', issue_token: false }),
    ]);
  });

  it('takes a single call too, and asks about the project when there is no run', async () => {
    const { action, evaluate } = setup();
    await action.perform(anActionContext({ tool: 'cloud.start' }, { runId: null }));
    expect(evaluate.execute.mock.calls[0]?.[1]).toEqual(
      expect.objectContaining({ tool: 'cloud.start', project_id: AGENTS_PROJECT }),
    );
    expect(evaluate.execute.mock.calls[0]?.[1]).not.toHaveProperty('run_id');
  });

  it('refuses params without a tool', async () => {
    const { action } = setup();
    expect((await action.perform(anActionContext({ calls: [] }))).ok).toBe(false);
  });
});
