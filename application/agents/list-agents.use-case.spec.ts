import { AgentDirectory } from '../../domain/agents/roster';
import { FakeWorkflows, aDeveloper } from '../../test/support/fakes/agents.fake';
import { GetAgentUseCase, ListAgentsUseCase } from './list-agents.use-case';

const viewer = aDeveloper({ role: 'viewer' } as never);

async function withWorkflows() {
  const workflows = new FakeWorkflows();
  const node = (key: string, label: string) => ({ key, type: 'agent.task', needs: [], input: {}, label });
  await workflows.start(aDeveloper(), {
    name: 'goal: cost_review',
    kind: 'goal',
    projectId: null,
    input: {},
    nodes: [
      node('costs', 'FIA: cost.analyze'),
      node('forecast', 'FIA: cost.forecast'),
      node('health', 'PMA: runs.health'),
    ],
  });
  const view = workflows.views[0] as (typeof workflows.views)[number];
  workflows.views[0] = {
    ...view,
    nodes: view.nodes.map((n) =>
      n.key === 'costs'
        ? { ...n, status: 'succeeded', finished_at: '2026-11-23T10:01:00.000Z' }
        : n.key === 'forecast'
          ? { ...n, status: 'running' }
          : n,
    ),
  };
  return workflows;
}

describe('ListAgentsUseCase', () => {
  it('lists the hierarchy with permissions, skills and what each agent is doing', async () => {
    const result = await new ListAgentsUseCase(new AgentDirectory(), await withWorkflows()).execute(viewer);
    if (!result.ok) throw new Error(result.error.message);
    const byCode = Object.fromEntries(result.value.items.map((a) => [a.code, a]));
    expect(Object.keys(byCode)).toEqual(['EPA', 'RSA', 'FIA', 'GA', 'MVA', 'DOA', 'PMA']);
    expect(byCode.FIA).toEqual(
      expect.objectContaining({
        level: 'L2',
        reports_to: 'EPA',
        permissions: ['cost.analyze', 'cost.forecast', 'migration.tco'],
        activity: {
          running: 1,
          last_task: expect.objectContaining({
            node_key: 'costs',
            action: 'cost.analyze',
            status: 'succeeded',
          }),
        },
      }),
    );
    expect(byCode.EPA?.activity).toEqual({ running: 1, last_task: null });
    expect(byCode.RSA?.activity).toEqual({ running: 0, last_task: null });
    expect(byCode.GA?.skills[0]).toEqual(
      expect.objectContaining({ id: 'evaluate_policy', examples: expect.any(Array) }),
    );
  });

  it('requires a tenant member', async () => {
    const result = await new ListAgentsUseCase(new AgentDirectory(), new FakeWorkflows()).execute(
      null as never,
    );
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'unauthorized' }) });
  });
});

describe('GetAgentUseCase', () => {
  it('finds an agent by code, case-insensitively', async () => {
    const result = await new GetAgentUseCase(new AgentDirectory(), new FakeWorkflows()).execute(
      viewer,
      'doa',
    );
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        code: 'DOA',
        permissions: expect.arrayContaining(['cloud.lifecycle']),
      }),
    });
  });

  it('answers 404 for an unknown agent or a worker, which lives only inside its task', async () => {
    const useCase = new GetAgentUseCase(new AgentDirectory(), new FakeWorkflows());
    for (const code of ['XYZ', 'DOA.L1.execute:web-01']) {
      expect(await useCase.execute(viewer, code)).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'not_found' }),
      });
    }
  });
});
