import { type AgentDirectory, ORCHESTRATOR } from '../../domain/agents/roster';
import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { type Actor, type TenantActor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { type WorkflowView, type Workflows } from '../workflows/workflows';
import { type AgentActivityView, type AgentView, toAgentView } from './agent.view';
import { parseTaskLabel } from './task-steps';
import { GOAL_WORKFLOW_KIND } from './start-goal.use-case';

/** Workflow families whose nodes are agent tasks, and how many recent ones activity looks at. */
const AGENT_KINDS = [GOAL_WORKFLOW_KIND, 'migration'] as const;
const RECENT_WORKFLOWS = 25;
const ACTIVE = new Set(['queued', 'running', 'waiting']);

/**
 * What each agent is doing, read from the newest goal and migration workflows: tasks queued,
 * running or waiting now, and the last one that finished. Bounded reads, so it is approximate for
 * a tenant with many concurrent workflows; null when the workflows cannot be read.
 */
async function activityByAgent(
  workflows: Workflows,
  actor: TenantActor,
): Promise<Map<string, AgentActivityView> | null> {
  const views: WorkflowView[] = [];
  for (const kind of AGENT_KINDS) {
    const listed = await workflows.list(actor, { kind, limit: RECENT_WORKFLOWS });
    if (!listed.ok) return null;
    views.push(...listed.value.items);
  }
  const activity = new Map<string, { running: number; last: AgentActivityView['last_task'] }>();
  for (const workflow of views) {
    for (const node of workflow.nodes) {
      const task = parseTaskLabel(node.label);
      if (!task) continue;
      const entry = activity.get(task.agent) ?? { running: 0, last: null };
      if (workflow.status === 'running' && ACTIVE.has(node.status)) entry.running++;
      if (node.finished_at && (!entry.last?.finished_at || node.finished_at > entry.last.finished_at)) {
        entry.last = {
          workflow_id: workflow.id,
          node_key: node.key,
          action: task.action,
          status: node.status,
          finished_at: node.finished_at,
        };
      }
      activity.set(task.agent, entry);
    }
  }
  // EPA's work is the goals themselves
  const goals = views.filter((w) => w.kind === GOAL_WORKFLOW_KIND);
  const lastGoal = goals.find((w) => w.finished_at) ?? null;
  activity.set(ORCHESTRATOR, {
    running: goals.filter((w) => w.status === 'running').length,
    last: lastGoal
      ? {
          workflow_id: lastGoal.id,
          node_key: '',
          action: 'plan_goal',
          status: lastGoal.status,
          finished_at: lastGoal.finished_at,
        }
      : null,
  });
  return new Map([...activity].map(([code, a]) => [code, { running: a.running, last_task: a.last }]));
}

const idle: AgentActivityView = { running: 0, last_task: null };

/** GET /v1/agents: the roster with permissions, skills, hierarchy and live activity (Viewer). */
export class ListAgentsUseCase {
  constructor(
    private readonly agents: AgentDirectory,
    private readonly workflows: Workflows,
  ) {}

  async execute(actor: Actor): Promise<Result<{ items: AgentView[] }>> {
    const viewer = authorizeTenant(actor, 'viewer');
    if (!viewer.ok) return viewer;
    const activity = await activityByAgent(this.workflows, viewer.value);
    return ok({
      items: this.agents.agents.map((a) => toAgentView(a, activity ? (activity.get(a.code) ?? idle) : null)),
    });
  }
}

/** GET /v1/agents/{code} (Viewer). Workers (L1) live only inside their task: they are not listed. */
export class GetAgentUseCase {
  constructor(
    private readonly agents: AgentDirectory,
    private readonly workflows: Workflows,
  ) {}

  async execute(actor: Actor, code: string): Promise<Result<AgentView>> {
    const viewer = authorizeTenant(actor, 'viewer');
    if (!viewer.ok) return viewer;
    const agent = this.agents.find(code.toUpperCase());
    if (!agent) return err(DomainError.notFound('agent', code));
    const activity = await activityByAgent(this.workflows, viewer.value);
    return ok(toAgentView(agent, activity ? (activity.get(agent.code) ?? idle) : null));
  }
}
