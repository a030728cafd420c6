import { z } from 'zod';
import { AgentCodeInput, StartGoalInput } from '../../../application/agents/agent-input';
import {
  type GetAgentUseCase,
  type ListAgentsUseCase,
} from '../../../application/agents/list-agents.use-case';
import { type StartGoalUseCase } from '../../../application/agents/start-goal.use-case';
import { type Workflows } from '../../../application/workflows/workflows';
import { defineTool } from '../../shared/definitions';
import { AgentViewSchema, GoalStartedSchema } from '../../../application/agents/agent-view.schema';
import { WorkflowViewSchema } from '../../../application/workflows/workflow.view';

const WorkflowId = z.strictObject({
  workflow_id: z.uuid().describe('The workflow id a goal or migration returned'),
});

export const listAgentsTool = (list: ListAgentsUseCase) =>
  defineTool({
    name: 'list_agents',
    title: 'List the agents',
    description:
      'The agent hierarchy: L3 EPA plans goals; L2 specialists RSA (refactoring strategy), FIA (financial insight), GA (governance), MVA (migration velocity), DOA (deployment orchestration), PMA (performance monitoring), each with its IAM permissions, skills and live activity.',
    input: z.strictObject({}),
    output: z.object({ items: z.array(AgentViewSchema) }),
    hints: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    access: 'viewer',
    run: (actor) => list.execute(actor),
  });

export const getAgentTool = (get: GetAgentUseCase) =>
  defineTool({
    name: 'get_agent',
    title: 'Get one agent',
    description: 'One agent by code (e.g. DOA), with its permissions, skills and what it is doing now.',
    input: z.strictObject({ code: AgentCodeInput }),
    output: AgentViewSchema,
    hints: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    access: 'viewer',
    run: (actor, input) => get.execute(actor, input.code),
  });

export const startGoalTool = (start: StartGoalUseCase) =>
  defineTool({
    name: 'start_goal',
    title: 'Give the EPA a goal',
    description:
      'The EPA plans the goal as a DAG of L2 tasks, validates it and starts it as a workflow whose every step is recorded in a run. Known goals: assess_portfolio, plan_migration, run_wave (params.wave), cost_review, security_review; free text like "plan and execute wave 1" works. Follow it with get_workflow.',
    input: StartGoalInput,
    output: GoalStartedSchema,
    hints: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    access: 'developer',
    run: (actor, input) => start.execute(actor, input),
  });

export const getWorkflowTool = (workflows: Workflows) =>
  defineTool({
    name: 'get_workflow',
    title: 'Get a workflow',
    description: "A workflow's status and every node's state, attempts, timings, output and error.",
    input: WorkflowId,
    output: WorkflowViewSchema,
    hints: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    access: 'viewer',
    run: (actor, input) => workflows.get(actor, input.workflow_id),
  });

export const cancelWorkflowTool = (workflows: Workflows) =>
  defineTool({
    name: 'cancel_workflow',
    title: 'Cancel a workflow',
    description:
      'Stops a running workflow: running nodes are signalled to abort, nodes not started are cancelled. Finished nodes keep their results.',
    input: WorkflowId,
    output: WorkflowViewSchema,
    hints: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    access: 'developer',
    run: (actor, input) => workflows.cancel(actor, input.workflow_id),
  });
