import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { AgentCodeInput, StartGoalInput } from '../../../application/agents/agent-input';
import { type AgentView } from '../../../application/agents/agent.view';
import { GetAgentUseCase, ListAgentsUseCase } from '../../../application/agents/list-agents.use-case';
import { type GoalStarted, StartGoalUseCase } from '../../../application/agents/start-goal.use-case';
import { type Actor } from '../../../application/shared/actor';
import { Api } from '../api.decorator';
import { CurrentActor } from '../current-actor.decorator';
import { unwrap } from '../result';
import { AgentViewSchema, GoalStartedSchema } from '../../../application/agents/agent-view.schema';

const AgentParams = z.strictObject({ code: AgentCodeInput });

@Controller('v1')
export class AgentsController {
  constructor(
    private readonly listAgents: ListAgentsUseCase,
    private readonly getAgent: GetAgentUseCase,
    private readonly startGoal: StartGoalUseCase,
  ) {}

  @Get('agents')
  @Api({
    access: 'viewer',
    summary: 'The agent hierarchy',
    description:
      'L3 EPA (plans goals, delegates), the six L2 specialists (RSA, FIA, GA, MVA, DOA, PMA) with their IAM permissions, skills and live activity. L1 workers exist only inside the task an L2 hands them.',
    tags: ['agents'],
    response: z.object({ items: z.array(AgentViewSchema) }),
  })
  async list(@CurrentActor() actor: Actor): Promise<{ items: AgentView[] }> {
    return unwrap(await this.listAgents.execute(actor));
  }

  @Get('agents/:code')
  @Api({
    access: 'viewer',
    summary: 'One agent',
    description: 'By code (case-insensitive), e.g. `DOA`.',
    tags: ['agents'],
    params: AgentParams,
    response: AgentViewSchema,
  })
  async get(@CurrentActor() actor: Actor, @Param() params: z.infer<typeof AgentParams>): Promise<AgentView> {
    return unwrap(await this.getAgent.execute(actor, params.code));
  }

  @Post('goals')
  @Api({
    access: 'developer',
    summary: 'Give the EPA a goal',
    description:
      'The EPA plans the goal as a DAG of L2 tasks (deterministic planner for the known goals: assess_portfolio, plan_migration, run_wave, cost_review, security_review; free text such as "plan and execute wave 1" works), the plan is validated (acyclic, known agents holding the actions), a run is opened to record every step, and the plan starts as a workflow. Poll `GET /v1/workflows/{id}` or listen on the WebSocket.',
    tags: ['agents'],
    body: StartGoalInput,
    response: GoalStartedSchema,
    status: 201,
  })
  async start(@CurrentActor() actor: Actor, @Body() body: StartGoalInput): Promise<GoalStarted> {
    return unwrap(await this.startGoal.execute(actor, body));
  }
}
