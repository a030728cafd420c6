import { type Plan } from '../../domain/agents/plan';
import { Planner } from '../../domain/agents/ports/planner.port';
import { AgentDirectory } from '../../domain/agents/roster';
import { DomainError } from '../../domain/shared/domain-error';
import { type Result, ok } from '../../domain/shared/result';
import { aProject } from '../../test/support/builders';
import { FakeClock } from '../../test/support/fakes/clock.fake';
import { FakeProjectRepository } from '../../test/support/fakes/project-repository.fake';
import {
  AGENTS_PROJECT,
  AGENTS_RUN,
  AGENTS_TENANT,
  FakeAppendSteps,
  FakeCreateRun,
  FakeFinishRun,
  FakeWorkflows,
  aDeveloper,
} from '../../test/support/fakes/agents.fake';
import { done } from '../workflows/node-handler';
import { ACTION_NAMES, AgentActions } from './agent-actions';
import { DeterministicPlanner } from './deterministic-planner';
import { PLANNING_STEP_ID, StartGoalUseCase } from './start-goal.use-case';

class FixedPlanner extends Planner {
  readonly name = 'fixed';
  constructor(private readonly planned: Plan) {
    super();
  }
  async plan(): Promise<Result<Plan>> {
    return ok(this.planned);
  }
}

async function setup(
  planner: Planner = new DeterministicPlanner(),
  actionNames: string[] = Object.values(ACTION_NAMES),
) {
  const projects = new FakeProjectRepository();
  await projects.create(aProject(AGENTS_TENANT, { id: AGENTS_PROJECT }));
  const actions = new AgentActions(
    actionNames.map((name) => ({
      name,
      description: name,
      risk: 'low' as const,
      perform: async () => ok(done()),
    })),
  );
  const workflows = new FakeWorkflows();
  const createRun = new FakeCreateRun();
  const steps = new FakeAppendSteps();
  const finishRun = new FakeFinishRun();
  const useCase = new StartGoalUseCase(
    planner,
    new AgentDirectory(),
    actions,
    workflows,
    createRun,
    steps,
    finishRun,
    projects,
    new FakeClock(),
  );
  return { useCase, workflows, createRun, steps, finishRun };
}

describe('StartGoalUseCase', () => {
  it('plans the goal, opens an EPA run with the plan and starts the plan as a goal workflow', async () => {
    const { useCase, workflows, createRun, steps } = await setup();
    const result = await useCase.execute(aDeveloper(), {
      goal: 'plan and execute wave 1',
      params: { migration_id: 'm-1' },
    });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.run_id).toBe(AGENTS_RUN);
    expect(result.value.plan).toEqual(
      expect.objectContaining({ goal: 'run_wave', planner: 'deterministic' }),
    );
    expect(createRun.calls).toEqual([
      {
        project_id: AGENTS_PROJECT,
        name: 'EPA: run_wave',
        tags: ['agents', 'goal:run_wave'],
        metadata: { agent: 'EPA', goal: 'plan and execute wave 1', planner: 'deterministic' },
      },
    ]);
    expect(steps.stepsOf()).toEqual([
      expect.objectContaining({
        id: PLANNING_STEP_ID,
        kind: 'custom',
        input: { goal: 'plan and execute wave 1', params: { migration_id: 'm-1' } },
        output: result.value.plan,
      }),
    ]);
    const spec = workflows.started[0];
    expect(spec).toEqual(
      expect.objectContaining({ kind: 'goal', runId: AGENTS_RUN, projectId: AGENTS_PROJECT }),
    );
    expect(spec?.nodes.find((n) => n.key === 'run_wave')).toEqual({
      key: 'run_wave',
      type: 'agent.task',
      needs: ['plan_waves', 'tco'],
      label: 'MVA: migration.run_wave',
      input: {
        agent: 'MVA',
        action: 'migration.run_wave',
        params: { migration_id: 'm-1', wave: 1 },
        worker: false,
        delegated_by: 'EPA',
      },
    });
  });

  it('lets only developers and above start a goal', async () => {
    const { useCase, createRun } = await setup();
    const result = await useCase.execute(aDeveloper({ role: 'viewer' } as never), {
      goal: 'cost_review',
      params: {},
    });
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) });
    expect(createRun.calls).toEqual([]);
  });

  it('refuses an invalid plan with field errors before anything is recorded or started', async () => {
    const cyclic: Plan = {
      goal: 'x',
      summary: '',
      tasks: [
        { key: 'a', agent: 'FIA', action: 'cost.analyze', params: {}, needs: ['b'] },
        { key: 'b', agent: 'PMA', action: 'cloud.lifecycle', params: {}, needs: ['a'] },
      ],
    };
    const { useCase, workflows, createRun } = await setup(new FixedPlanner(cyclic));
    const result = await useCase.execute(aDeveloper(), { goal: 'x', params: {} });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.fields).toEqual([
      { path: 'tasks.1.action', message: 'PMA is not permitted to perform cloud.lifecycle' },
      { path: 'tasks', message: 'the tasks a, b form a cycle' },
    ]);
    expect(createRun.calls).toEqual([]);
    expect(workflows.started).toEqual([]);
  });

  it('refuses a plan whose actions this process cannot perform', async () => {
    const { useCase } = await setup(new DeterministicPlanner(), [ACTION_NAMES.costAnalyze]);
    const result = await useCase.execute(aDeveloper(), { goal: 'cost_review', params: {} });
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({
        fields: expect.arrayContaining([
          { path: 'tasks.1.action', message: 'unknown action "cost.forecast"' },
        ]),
      }),
    });
  });

  it('answers an unknown goal with the known goals', async () => {
    const { useCase } = await setup();
    const result = await useCase.execute(aDeveloper(), { goal: 'bake a cake', params: {} });
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'validation', reason: 'unknown_goal' }),
    });
  });

  it('fails the run when the workflow cannot be started', async () => {
    const { useCase, workflows, finishRun, steps } = await setup();
    workflows.failStart = DomainError.validation('unknown node type');
    const result = await useCase.execute(aDeveloper(), { goal: 'security_review', params: {} });
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ message: 'unknown node type' }) });
    expect(finishRun.calls).toEqual([{ runId: AGENTS_RUN, input: { status: 'failed' } }]);
    expect(steps.stepsOf().map((s) => s.kind)).toEqual(['custom', 'error']);
  });
});
