import { type GetAgentUseCase, type ListAgentsUseCase } from '../../application/agents/list-agents.use-case';
import { type StartGoalUseCase } from '../../application/agents/start-goal.use-case';
import { type AssessWorkloadsUseCase } from '../../application/migration/assess-workloads.use-case';
import { type GetMigrationUseCase } from '../../application/migration/get-migration.use-case';
import { type ImportInventoryUseCase } from '../../application/migration/import-inventory.use-case';
import { type ListWorkloadsUseCase } from '../../application/migration/list-workloads.use-case';
import { type PlanWavesUseCase } from '../../application/migration/plan-waves.use-case';
import { type RetryMigrationUseCase } from '../../application/migration/retry-migration.use-case';
import { type RollbackMigrationUseCase } from '../../application/migration/rollback-migration.use-case';
import { type StartMigrationUseCase } from '../../application/migration/start-migration.use-case';
import { type Workflows } from '../../application/workflows/workflows';
import { type McpServerDefinition } from '../shared/definitions';
import { planMigrationPrompt } from './prompts/plan-migration.prompt';
import {
  cancelWorkflowTool,
  getAgentTool,
  getWorkflowTool,
  listAgentsTool,
  startGoalTool,
} from './tools/agent.tools';
import {
  assessWorkloadsTool,
  getMigrationTool,
  importInventoryTool,
  listWorkloadsTool,
  planWavesTool,
  recommendStrategiesTool,
  runMigrationStageTool,
  startMigrationTool,
} from './tools/migration.tools';

export interface AgentServiceDeps {
  readonly listAgents: ListAgentsUseCase;
  readonly getAgent: GetAgentUseCase;
  readonly startGoal: StartGoalUseCase;
  readonly workflows: Workflows;
  readonly importInventory: ImportInventoryUseCase;
  readonly listWorkloads: ListWorkloadsUseCase;
  readonly assess: AssessWorkloadsUseCase;
  readonly planWaves: PlanWavesUseCase;
  readonly startMigration: StartMigrationUseCase;
  readonly getMigration: GetMigrationUseCase;
  readonly retryMigration: RetryMigrationUseCase;
  readonly rollbackMigration: RollbackMigrationUseCase;
}

/** The agent hierarchy and the migration factory it runs. */
export function agentService(deps: AgentServiceDeps): McpServerDefinition {
  return {
    name: 'agent-service',
    title: 'Cockpit agents and migration factory',
    instructions:
      "Cockpit's own agents: the EPA plans goals into DAGs of tasks for the L2 specialists (RSA, FIA, GA, MVA, DOA, PMA), which act within their IAM permissions; every step lands in a run. Start a goal with start_goal and follow it with get_workflow. The migration tools import an inventory, assess workloads (readiness, 7R strategy, TCO), plan waves and run a wave's six-stage pipeline. Every call is scoped to the tenant of the credential.",
    tools: [
      listAgentsTool(deps.listAgents),
      getAgentTool(deps.getAgent),
      startGoalTool(deps.startGoal),
      getWorkflowTool(deps.workflows),
      cancelWorkflowTool(deps.workflows),
      importInventoryTool(deps.importInventory),
      listWorkloadsTool(deps.listWorkloads),
      assessWorkloadsTool(deps.assess),
      recommendStrategiesTool(deps.listWorkloads),
      planWavesTool(deps.planWaves),
      startMigrationTool(deps.startMigration),
      getMigrationTool(deps.getMigration),
      runMigrationStageTool(deps.retryMigration, deps.rollbackMigration),
    ],
    resources: [],
    prompts: [planMigrationPrompt(deps.planWaves)],
  };
}
