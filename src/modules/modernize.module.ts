import { Module, type OnModuleInit } from '@nestjs/common';
import { AgentActions } from '../../application/agents/agent-actions';
import { AgentMessages } from '../../application/agents/agent-messages';
import { AGENT_TASK, agentTaskHandler } from '../../application/agents/agent-task-handler';
import { cloudLifecycleAction } from '../../application/agents/actions/cloud-lifecycle.action';
import { costAnalyzeAction, costForecastAction } from '../../application/agents/actions/cost.actions';
import { policyEvaluateAction } from '../../application/agents/actions/policy-evaluate.action';
import { runsHealthAction } from '../../application/agents/actions/runs-health.action';
import { threatsReviewAction } from '../../application/agents/actions/threats-review.action';
import { DeterministicPlanner } from '../../application/agents/deterministic-planner';
import { goalFinishedHook } from '../../application/agents/goal-finished.hook';
import { GetAgentUseCase, ListAgentsUseCase } from '../../application/agents/list-agents.use-case';
import { GOAL_WORKFLOW_KIND, StartGoalUseCase } from '../../application/agents/start-goal.use-case';
import { ForecastCostsUseCase, GetCostsUseCase } from '../../application/cloud/cost-queries.use-case';
import { ListThreatsUseCase } from '../../application/cloud/list-threats.use-case';
import {
  CreateResourceUseCase,
  GetResourceUseCase,
  ListResourcesUseCase,
  ResourceLifecycleUseCase,
} from '../../application/cloud/manage-resources.use-case';
import { SyncProviderUseCase } from '../../application/cloud/sync-provider.use-case';
import { CreateApprovalUseCase } from '../../application/governance/create-approval.use-case';
import { EvaluatePolicyUseCase } from '../../application/governance/evaluate-policy.use-case';
import { GetApprovalUseCase } from '../../application/governance/get-approval.use-case';
import { AssessWorkloadsUseCase } from '../../application/migration/assess-workloads.use-case';
import { CancelMigrationUseCase } from '../../application/migration/cancel-migration.use-case';
import { GetMigrationUseCase } from '../../application/migration/get-migration.use-case';
import { ImportInventoryUseCase } from '../../application/migration/import-inventory.use-case';
import { ListMigrationsUseCase } from '../../application/migration/list-migrations.use-case';
import {
  GetWorkloadUseCase,
  ListWorkloadsUseCase,
} from '../../application/migration/list-workloads.use-case';
import { migrationActions } from '../../application/migration/migration-actions';
import { registerMigrationHooks } from '../../application/migration/migration-finished';
import { PlanWavesUseCase } from '../../application/migration/plan-waves.use-case';
import { RetryMigrationUseCase } from '../../application/migration/retry-migration.use-case';
import { RollbackMigrationUseCase } from '../../application/migration/rollback-migration.use-case';
import { StartMigrationUseCase } from '../../application/migration/start-migration.use-case';
import { CloudTargets } from '../../application/migration/target-cloud';
import { AppendStepsUseCase } from '../../application/runs/append-steps.use-case';
import { CreateRunUseCase } from '../../application/runs/create-run.use-case';
import { FinishRunUseCase } from '../../application/runs/finish-run.use-case';
import { ListRunStepsUseCase } from '../../application/runs/list-run-steps.use-case';
import { ListRunsUseCase } from '../../application/runs/list-runs.use-case';
import { NodeHandlers } from '../../application/workflows/node-handler';
import { Workflows } from '../../application/workflows/workflows';
import { Planner } from '../../domain/agents/ports/planner.port';
import { AgentDirectory } from '../../domain/agents/roster';
import { AuditLog } from '../../domain/audit/ports/audit-log.port';
import { ProviderRepository } from '../../domain/cloud/ports/provider-repository.port';
import { MigrationRepository } from '../../domain/migration/ports/migration-repository.port';
import { PriceCatalog } from '../../domain/migration/ports/price-catalog.port';
import { WorkloadRepository } from '../../domain/migration/ports/workload-repository.port';
import { Clock } from '../../domain/shared/ports/clock.port';
import { IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { ProjectRepository } from '../../domain/tenancy/ports/project-repository.port';
import { SimulatedPriceCatalog } from '../../infrastructure/migration/simulated-price-catalog';
import { Database } from '../../infrastructure/persistence/database';
import { TypeormMigrationRepository } from '../../infrastructure/persistence/repositories/typeorm-migration.repository';
import { TypeormWorkloadRepository } from '../../infrastructure/persistence/repositories/typeorm-workload.repository';
import { AgentsController } from '../../presentation/http/controllers/agents.controller';
import { MigrationsController } from '../../presentation/http/controllers/migrations.controller';
import { CloudModule } from './cloud.module';
import { GovernanceModule } from './governance.module';
import { adapter, useCase } from './providers';
import { RunsModule } from './runs.module';
import { TenancyModule } from './tenancy.module';
import { WorkflowsModule } from './workflows.module';

/**
 * Modernize: the agent hierarchy (EPA plans goals, L2 specialists act through the other contexts'
 * use cases within their IAM permissions) and the migration factory whose pipeline they run.
 */
@Module({
  imports: [TenancyModule, RunsModule, GovernanceModule, CloudModule, WorkflowsModule],
  controllers: [AgentsController, MigrationsController],
  providers: [
    ...adapter(WorkloadRepository, TypeormWorkloadRepository, [Database]),
    ...adapter(MigrationRepository, TypeormMigrationRepository, [Database]),
    ...adapter(PriceCatalog, SimulatedPriceCatalog, []),
    { provide: AgentDirectory, useFactory: () => new AgentDirectory() },
    // the LLM planner arrives with the AI providers; until then the known goals are planned deterministically
    { provide: Planner, useFactory: () => new DeterministicPlanner() },
    useCase(ImportInventoryUseCase, [WorkloadRepository, AuditLog, UnitOfWork, IdGenerator, Clock]),
    useCase(ListWorkloadsUseCase, [WorkloadRepository]),
    useCase(GetWorkloadUseCase, [WorkloadRepository]),
    useCase(AssessWorkloadsUseCase, [WorkloadRepository, PriceCatalog, Clock]),
    useCase(PlanWavesUseCase, [WorkloadRepository, PriceCatalog, Clock]),
    useCase(StartMigrationUseCase, [
      PlanWavesUseCase,
      MigrationRepository,
      ProviderRepository,
      ProjectRepository,
      CreateRunUseCase,
      Workflows,
      AuditLog,
      IdGenerator,
      Clock,
    ]),
    useCase(GetMigrationUseCase, [MigrationRepository, Workflows]),
    useCase(ListMigrationsUseCase, [MigrationRepository]),
    useCase(RetryMigrationUseCase, [MigrationRepository, Workflows, AuditLog, Clock]),
    useCase(RollbackMigrationUseCase, [MigrationRepository, Workflows, AuditLog, Clock]),
    useCase(CancelMigrationUseCase, [MigrationRepository, Workflows]),
    useCase(CloudTargets, [
      ListResourcesUseCase,
      GetResourceUseCase,
      CreateResourceUseCase,
      SyncProviderUseCase,
      ResourceLifecycleUseCase,
    ]),
    {
      provide: AgentActions,
      useFactory: (
        workloads: WorkloadRepository,
        migrations: MigrationRepository,
        catalog: PriceCatalog,
        cloud: CloudTargets,
        evaluatePolicy: EvaluatePolicyUseCase,
        createApproval: CreateApprovalUseCase,
        getApproval: GetApprovalUseCase,
        startMigration: StartMigrationUseCase,
        planWaves: PlanWavesUseCase,
        getCosts: GetCostsUseCase,
        forecastCosts: ForecastCostsUseCase,
        listThreats: ListThreatsUseCase,
        lifecycle: ResourceLifecycleUseCase,
        listRuns: ListRunsUseCase,
        listRunSteps: ListRunStepsUseCase,
        clock: Clock,
      ) =>
        new AgentActions([
          costAnalyzeAction(getCosts),
          costForecastAction(forecastCosts),
          threatsReviewAction(listThreats),
          policyEvaluateAction(evaluatePolicy),
          cloudLifecycleAction(lifecycle, getApproval),
          runsHealthAction(listRuns, listRunSteps, clock),
          ...migrationActions({
            workloads,
            migrations,
            catalog,
            cloud,
            evaluatePolicy,
            createApproval,
            getApproval,
            startMigration,
            planWaves,
            clock,
          }),
        ]),
      inject: [
        WorkloadRepository,
        MigrationRepository,
        PriceCatalog,
        CloudTargets,
        EvaluatePolicyUseCase,
        CreateApprovalUseCase,
        GetApprovalUseCase,
        StartMigrationUseCase,
        PlanWavesUseCase,
        GetCostsUseCase,
        ForecastCostsUseCase,
        ListThreatsUseCase,
        ResourceLifecycleUseCase,
        ListRunsUseCase,
        ListRunStepsUseCase,
        Clock,
      ],
    },
    useCase(StartGoalUseCase, [
      Planner,
      AgentDirectory,
      AgentActions,
      Workflows,
      CreateRunUseCase,
      AppendStepsUseCase,
      FinishRunUseCase,
      ProjectRepository,
      Clock,
    ]),
    useCase(AgentMessages, [AgentDirectory, Planner, AgentActions, StartGoalUseCase, Workflows]),
    useCase(ListAgentsUseCase, [AgentDirectory, Workflows]),
    useCase(GetAgentUseCase, [AgentDirectory, Workflows]),
  ],
  exports: [
    AgentDirectory,
    AgentMessages,
    ListAgentsUseCase,
    GetAgentUseCase,
    StartGoalUseCase,
    ImportInventoryUseCase,
    ListWorkloadsUseCase,
    AssessWorkloadsUseCase,
    PlanWavesUseCase,
    StartMigrationUseCase,
    GetMigrationUseCase,
    ListMigrationsUseCase,
    RetryMigrationUseCase,
    RollbackMigrationUseCase,
  ],
})
export class ModernizeModule implements OnModuleInit {
  constructor(
    private readonly handlers: NodeHandlers,
    private readonly agents: AgentDirectory,
    private readonly actions: AgentActions,
    private readonly appendSteps: AppendStepsUseCase,
    private readonly finishRun: FinishRunUseCase,
    private readonly migrations: MigrationRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** Node types and finished hooks go into the one registry before any consumer starts. */
  onModuleInit(): void {
    this.handlers.register(
      AGENT_TASK,
      agentTaskHandler({
        agents: this.agents,
        actions: this.actions,
        appendSteps: this.appendSteps,
        audit: this.audit,
        clock: this.clock,
      }),
    );
    this.handlers.onFinished(
      GOAL_WORKFLOW_KIND,
      goalFinishedHook(this.appendSteps, this.finishRun, this.clock),
    );
    registerMigrationHooks(this.handlers, this.migrations, this.clock);
  }
}
