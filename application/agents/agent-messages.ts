import { type Planner } from '../../domain/agents/ports/planner.port';
import { ORCHESTRATOR, type AgentDirectory } from '../../domain/agents/roster';
import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { type Actor } from '../shared/actor';
import { type Workflows, type WorkflowView } from '../workflows/workflows';
import { type AgentActions } from './agent-actions';
import { type StartGoalUseCase, planningContext } from './start-goal.use-case';

/** A message to an agent from outside (A2A), and what the agent answers. */
export interface AgentReply {
  readonly text: string;
  readonly state: 'working' | 'completed' | 'failed' | 'canceled' | 'rejected';
  /** The workflow the message started: the task others follow. */
  readonly workflowId: string | null;
  readonly data: Readonly<Record<string, unknown>>;
}

const stateOf = (workflow: WorkflowView): AgentReply['state'] =>
  workflow.status === 'running'
    ? 'working'
    : workflow.status === 'succeeded'
      ? 'completed'
      : workflow.status === 'cancelled'
        ? 'canceled'
        : 'failed';

const summary = (w: WorkflowView) => ({
  workflow_id: w.id,
  run_id: w.run_id,
  status: w.status,
  progress: w.progress,
  error: w.error,
  tasks: w.nodes.map((n) => ({ key: n.key, label: n.label, status: n.status, error: n.error })),
});

/**
 * Messages to the agents. The EPA takes any goal; an L2 specialist takes a goal only when the
 * EPA's plan for it gives that specialist work (otherwise it declines and says what it does), and
 * the goal then runs as usual, through the EPA's plan. Either way the reply is the workflow to follow.
 */
export class AgentMessages {
  constructor(
    private readonly agents: AgentDirectory,
    private readonly planner: Planner,
    private readonly actions: AgentActions,
    private readonly startGoal: StartGoalUseCase,
    private readonly workflows: Workflows,
  ) {}

  async send(
    actor: Actor,
    code: string,
    message: { text: string; data: Readonly<Record<string, unknown>> | null },
  ): Promise<Result<AgentReply>> {
    const agent = this.agents.find(code.toUpperCase());
    if (!agent || agent.level === 'L1') return err(DomainError.notFound('agent', code));
    const data = message.data ?? {};
    const goal = (typeof data.goal === 'string' && data.goal.trim()) || message.text.trim();
    if (!goal) {
      return err(
        DomainError.validation('send a goal as text (or data.goal)', [{ path: 'message', message: 'empty' }]),
      );
    }
    const params =
      data.params && typeof data.params === 'object' ? (data.params as Record<string, unknown>) : {};
    if (agent.code !== ORCHESTRATOR) {
      const planned = await this.planner.plan(goal, params, planningContext(this.agents, this.actions, null));
      if (!planned.ok) return planned;
      if (!planned.value.tasks.some((t) => t.agent === agent.code)) {
        return ok({
          text: `${agent.code} has no part in "${planned.value.goal}"; what ${agent.code} does: ${agent.skills.map((s) => s.name).join(', ')}. Send the goal to the EPA instead.`,
          state: 'rejected',
          workflowId: null,
          data: { goal: planned.value.goal },
        });
      }
    }
    const started = await this.startGoal.execute(actor, {
      goal,
      params,
      ...(typeof data.project_id === 'string' ? { project_id: data.project_id } : {}),
    });
    if (!started.ok) return started;
    const { workflow, plan } = started.value;
    return ok({
      text: `${plan.summary} Started as workflow ${workflow.id} (run ${started.value.run_id}).`,
      state: stateOf(workflow),
      workflowId: workflow.id,
      data: { ...summary(workflow), plan },
    });
  }

  async task(actor: Actor, workflowId: string): Promise<Result<AgentReply>> {
    const found = await this.workflows.get(actor, workflowId);
    if (!found.ok) return found;
    const w = found.value;
    const done = w.nodes.filter((n) => n.status === 'succeeded').length;
    return ok({
      text: `${w.name}: ${w.status}, ${done} of ${w.nodes.length} tasks done${w.error ? `: ${w.error}` : ''}.`,
      state: stateOf(w),
      workflowId: w.id,
      data: summary(w),
    });
  }
}
