import { type Plan, validatePlan } from '../../domain/agents/plan';
import { type Planner, type PlanningContext } from '../../domain/agents/ports/planner.port';
import { ORCHESTRATOR, type AgentDirectory } from '../../domain/agents/roster';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { type ProjectRepository } from '../../domain/tenancy/ports/project-repository.port';
import { type WorkflowSpec } from '../../domain/workflows/workflow';
import { resolveProject } from '../governance/governance-actor';
import { type AppendStepsUseCase } from '../runs/append-steps.use-case';
import { type CreateRunUseCase } from '../runs/create-run.use-case';
import { type FinishRunUseCase } from '../runs/finish-run.use-case';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { type WorkflowView, type Workflows } from '../workflows/workflows';
import { type AgentActions } from './agent-actions';
import { AGENT_TASK } from './agent-task-handler';
import { type StartGoalInput } from './agent-input';
import { taskLabel } from './task-steps';

export const GOAL_WORKFLOW_KIND = 'goal';
export const PLANNING_STEP_ID = 'epa:plan';

export interface PlanView {
  readonly goal: string;
  readonly summary: string;
  readonly planner: string;
  readonly tasks: readonly {
    readonly key: string;
    readonly agent: string;
    readonly action: string;
    readonly params: Readonly<Record<string, unknown>>;
    readonly needs: readonly string[];
    readonly worker: boolean;
  }[];
}

export interface GoalStarted {
  readonly workflow: WorkflowView;
  readonly run_id: string;
  readonly plan: PlanView;
}

/**
 * POST /v1/goals. EPA plans the goal, the plan is validated (acyclic, known L2 agents holding
 * their actions), a run is opened to record everything the agents do, and the plan is started as
 * a workflow of `agent.task` nodes. The run is finished by `goalFinishedHook`.
 */
/** What a planner may choose from: the L2 specialists and the actions this process can perform. */
export const planningContext = (
  agents: AgentDirectory,
  actions: AgentActions,
  projectId: string | null,
): PlanningContext => ({
  agents: agents.specialists(),
  actions: actions.list().map((a) => ({ name: a.name, description: a.description, risk: a.risk })),
  projectId,
});

export class StartGoalUseCase {
  constructor(
    private readonly planner: Planner,
    private readonly agents: AgentDirectory,
    private readonly actions: AgentActions,
    private readonly workflows: Workflows,
    private readonly createRun: Pick<CreateRunUseCase, 'execute'>,
    private readonly appendSteps: Pick<AppendStepsUseCase, 'execute'>,
    private readonly finishRun: Pick<FinishRunUseCase, 'execute'>,
    private readonly projects: ProjectRepository,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: StartGoalInput): Promise<Result<GoalStarted>> {
    const member = authorizeTenant(actor, 'developer');
    if (!member.ok) return member;
    const project = await resolveProject(this.projects, member.value, input.project_id);
    if (!project.ok) return project;

    const planningStarted = this.clock.now();
    const planned = await this.planner.plan(
      input.goal,
      input.params,
      planningContext(this.agents, this.actions, project.value),
    );
    if (!planned.ok) return planned;
    const valid = validatePlan(planned.value, {
      findAgent: (code) => this.agents.find(code),
      actionExists: (name) => this.actions.get(name) !== undefined,
    });
    if (!valid.ok) return valid;
    const plan = valid.value;
    const view = planView(plan, this.planner.name);

    const run = await this.createRun.execute(member.value, {
      project_id: project.value,
      name: `${ORCHESTRATOR}: ${plan.goal}`,
      tags: ['agents', `goal:${plan.goal}`],
      metadata: { agent: ORCHESTRATOR, goal: input.goal, planner: this.planner.name },
    });
    if (!run.ok) return run;
    const runId = run.value.run.id;
    const plannedAt = this.clock.now();
    await this.appendSteps.execute(member.value, runId, [
      {
        id: PLANNING_STEP_ID,
        kind: 'custom',
        name: `plan: ${plan.goal}`,
        started_at: planningStarted.toISOString(),
        ended_at: plannedAt.toISOString(),
        input: { goal: input.goal, params: input.params },
        output: view,
        metadata: { agent: ORCHESTRATOR, planner: this.planner.name },
      },
    ]);

    const started = await this.workflows.start(member.value, workflowOf(plan, input, project.value, runId));
    if (!started.ok) {
      const at = this.clock.now().toISOString();
      await this.appendSteps.execute(member.value, runId, [
        {
          id: 'epa:start_failed',
          kind: 'error',
          name: 'the plan could not be started',
          started_at: at,
          ended_at: at,
          error: { code: started.error.code, message: started.error.message },
          metadata: { agent: ORCHESTRATOR },
        },
      ]);
      await this.finishRun.execute(member.value, runId, { status: 'failed' });
      return err(started.error);
    }
    return ok({ workflow: started.value, run_id: runId, plan: view });
  }
}

function workflowOf(plan: Plan, input: StartGoalInput, projectId: string, runId: string): WorkflowSpec {
  return {
    name: `goal: ${plan.goal}`,
    kind: GOAL_WORKFLOW_KIND,
    projectId,
    runId,
    input: { goal: input.goal, goal_id: plan.goal, params: input.params },
    nodes: plan.tasks.map((task) => ({
      key: task.key,
      type: AGENT_TASK,
      needs: [...task.needs],
      label: taskLabel(task.agent, task.action),
      input: {
        agent: task.agent,
        action: task.action,
        params: task.params,
        worker: task.worker ?? false,
        delegated_by: ORCHESTRATOR,
      },
    })),
  };
}

const planView = (plan: Plan, planner: string): PlanView => ({
  goal: plan.goal,
  summary: plan.summary,
  planner,
  tasks: plan.tasks.map((t) => ({
    key: t.key,
    agent: t.agent,
    action: t.action,
    params: t.params,
    needs: [...t.needs],
    worker: t.worker ?? false,
  })),
});
