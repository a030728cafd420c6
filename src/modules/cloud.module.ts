import { Module } from '@nestjs/common';
import { BudgetWatch } from '../../application/cloud/budget-watch';
import { CloudAdapters } from '../../application/cloud/cloud-adapters';
import { CloudChanges } from '../../application/cloud/cloud-changes';
import { ExportIacUseCase, ImportIacUseCase } from '../../application/cloud/iac.use-case';
import {
  ForecastCostsUseCase,
  GetCostsUseCase,
  ListRightsizingUseCase,
} from '../../application/cloud/cost-queries.use-case';
import { ListThreatsUseCase } from '../../application/cloud/list-threats.use-case';
import {
  CreateBudgetUseCase,
  ListAlertsUseCase,
  ListBudgetsUseCase,
} from '../../application/cloud/manage-budgets.use-case';
import {
  ConnectProviderUseCase,
  DisconnectProviderUseCase,
  GetProviderUseCase,
  ListProvidersUseCase,
  TestProviderUseCase,
} from '../../application/cloud/manage-providers.use-case';
import {
  CreateResourceUseCase,
  GetResourceUseCase,
  ListResourcesUseCase,
  ResourceLifecycleUseCase,
} from '../../application/cloud/manage-resources.use-case';
import { ResourceGate } from '../../application/cloud/resource-gate';
import { SeedDemoCloudUseCase } from '../../application/cloud/seed-demo-cloud.use-case';
import { SyncDueProvidersUseCase } from '../../application/cloud/sync-due-providers.use-case';
import { SyncProviderUseCase } from '../../application/cloud/sync-provider.use-case';
import { ThreatScan } from '../../application/cloud/threat-scan';
import { CreateApprovalUseCase } from '../../application/governance/create-approval.use-case';
import { EvaluatePolicyUseCase } from '../../application/governance/evaluate-policy.use-case';
import { AppendStepsUseCase } from '../../application/runs/append-steps.use-case';
import { CreateRunUseCase } from '../../application/runs/create-run.use-case';
import { AuditLog } from '../../domain/audit/ports/audit-log.port';
import { BudgetRepository } from '../../domain/cloud/ports/budget-repository.port';
import { CostRepository } from '../../domain/cloud/ports/cost-repository.port';
import { CredentialCipher } from '../../domain/cloud/ports/credential-cipher.port';
import { FindingRepository } from '../../domain/cloud/ports/finding-repository.port';
import { ProviderRepository } from '../../domain/cloud/ports/provider-repository.port';
import { ResourceRepository } from '../../domain/cloud/ports/resource-repository.port';
import { TerraformRunner } from '../../domain/cloud/ports/terraform-runner.port';
import { WebhookOutbox } from '../../domain/governance/ports/webhook-outbox.port';
import { Clock } from '../../domain/shared/ports/clock.port';
import { EventPublisher } from '../../domain/shared/ports/event-publisher.port';
import { IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { ProjectRepository } from '../../domain/tenancy/ports/project-repository.port';
import { AwsCloudAdapter } from '../../infrastructure/cloud/aws/aws-cloud.adapter';
import { AzureCloudAdapter } from '../../infrastructure/cloud/azure/azure-cloud.adapter';
import { GcpCloudAdapter } from '../../infrastructure/cloud/gcp/gcp-cloud.adapter';
import { SimulatedCloudAdapter } from '../../infrastructure/cloud/simulated/simulated-cloud.adapter';
import { TerraformCliRunner } from '../../infrastructure/iac/terraform-cli.runner';
import { AesCredentialCipher } from '../../infrastructure/crypto/aes-credential-cipher';
import { Database } from '../../infrastructure/persistence/database';
import { TypeormBudgetRepository } from '../../infrastructure/persistence/repositories/typeorm-budget.repository';
import { TypeormCostRepository } from '../../infrastructure/persistence/repositories/typeorm-cost.repository';
import { TypeormFindingRepository } from '../../infrastructure/persistence/repositories/typeorm-finding.repository';
import { TypeormProviderRepository } from '../../infrastructure/persistence/repositories/typeorm-provider.repository';
import { TypeormResourceRepository } from '../../infrastructure/persistence/repositories/typeorm-resource.repository';
import { TypeormSimulatedStateStore } from '../../infrastructure/persistence/repositories/typeorm-simulated-state.store';
import { IacController } from '../../presentation/http/controllers/iac.controller';
import { CostsController } from '../../presentation/http/controllers/costs.controller';
import { ProvidersController } from '../../presentation/http/controllers/providers.controller';
import { ResourcesController } from '../../presentation/http/controllers/resources.controller';
import { Runtime } from '../runtime';
import { GovernanceModule } from './governance.module';
import { adapter, useCase } from './providers';
import { RunsModule } from './runs.module';
import { TenancyModule } from './tenancy.module';

/** Operate: cloud providers, the resource inventory, costs, forecasts, budgets, threat findings. */
@Module({
  imports: [TenancyModule, RunsModule, GovernanceModule],
  controllers: [ProvidersController, ResourcesController, CostsController, IacController],
  providers: [
    ...adapter(ProviderRepository, TypeormProviderRepository, [Database]),
    ...adapter(ResourceRepository, TypeormResourceRepository, [Database]),
    ...adapter(CostRepository, TypeormCostRepository, [Database]),
    ...adapter(BudgetRepository, TypeormBudgetRepository, [Database]),
    ...adapter(FindingRepository, TypeormFindingRepository, [Database]),
    { provide: TerraformRunner, useFactory: () => new TerraformCliRunner() },
    {
      provide: CredentialCipher,
      useFactory: (runtime: Runtime) =>
        AesCredentialCipher.fromEnvironment({
          key: runtime.config.COCKPIT_ENCRYPTION_KEY,
          previousKeys: runtime.config.COCKPIT_ENCRYPTION_KEY_PREVIOUS,
          production: runtime.config.NODE_ENV === 'production',
          dataDir: runtime.config.DATABASE_URL ? 'memory://' : runtime.config.COCKPIT_DATA_DIR,
        }),
      inject: [Runtime],
    },
    {
      provide: CloudAdapters,
      useFactory: (providers: ProviderRepository, cipher: CredentialCipher, db: Database) =>
        new CloudAdapters(
          [
            new SimulatedCloudAdapter({ store: new TypeormSimulatedStateStore(db) }),
            new AwsCloudAdapter(),
            new AzureCloudAdapter(),
            new GcpCloudAdapter(),
          ],
          providers,
          cipher,
        ),
      inject: [ProviderRepository, CredentialCipher, Database],
    },
    useCase(CloudChanges, [AuditLog, EventPublisher, UnitOfWork]),
    useCase(ThreatScan, [ResourceRepository, FindingRepository, CloudChanges, IdGenerator]),
    useCase(BudgetWatch, [
      BudgetRepository,
      CostRepository,
      ProjectRepository,
      WebhookOutbox,
      CloudChanges,
      IdGenerator,
    ]),
    useCase(
      SyncProviderUseCase,
      [
        ProviderRepository,
        ResourceRepository,
        CostRepository,
        CloudAdapters,
        ThreatScan,
        BudgetWatch,
        CloudChanges,
        IdGenerator,
        Clock,
      ],
      (r) => ({ initialCostDays: r.config.COCKPIT_CLOUD_HISTORY_DAYS, restatedDays: 3 }),
    ),
    useCase(ConnectProviderUseCase, [
      ProviderRepository,
      CloudAdapters,
      SyncProviderUseCase,
      CloudChanges,
      IdGenerator,
      Clock,
    ]),
    useCase(ListProvidersUseCase, [ProviderRepository]),
    useCase(GetProviderUseCase, [ProviderRepository]),
    useCase(TestProviderUseCase, [ProviderRepository, CloudAdapters, Clock]),
    useCase(DisconnectProviderUseCase, [ProviderRepository, CloudChanges, Clock]),
    useCase(ListResourcesUseCase, [ResourceRepository]),
    useCase(GetResourceUseCase, [ResourceRepository]),
    useCase(CreateResourceUseCase, [
      ProviderRepository,
      ResourceRepository,
      CloudAdapters,
      CloudChanges,
      IdGenerator,
      Clock,
    ]),
    useCase(ResourceGate, [
      EvaluatePolicyUseCase,
      CreateRunUseCase,
      AppendStepsUseCase,
      CreateApprovalUseCase,
      ProjectRepository,
    ]),
    useCase(ResourceLifecycleUseCase, [
      ProviderRepository,
      ResourceRepository,
      CloudAdapters,
      ResourceGate,
      CloudChanges,
      Clock,
    ]),
    useCase(GetCostsUseCase, [CostRepository, ProviderRepository, Clock]),
    useCase(ForecastCostsUseCase, [CostRepository, ProviderRepository, Clock]),
    useCase(ListRightsizingUseCase, [ProviderRepository, ResourceRepository]),
    useCase(CreateBudgetUseCase, [
      BudgetRepository,
      ProviderRepository,
      ProjectRepository,
      BudgetWatch,
      CloudChanges,
      IdGenerator,
      Clock,
    ]),
    useCase(ListBudgetsUseCase, [BudgetRepository, BudgetWatch, Clock]),
    useCase(ListAlertsUseCase, [BudgetRepository]),
    useCase(ListThreatsUseCase, [FindingRepository, ResourceRepository]),
    useCase(SyncDueProvidersUseCase, [ProviderRepository, SyncProviderUseCase, Clock], (r) => ({
      everySeconds: r.config.COCKPIT_CLOUD_SYNC_INTERVAL,
    })),
    useCase(SeedDemoCloudUseCase, [
      ProviderRepository,
      BudgetRepository,
      CloudAdapters,
      SyncProviderUseCase,
      BudgetWatch,
      IdGenerator,
      Clock,
    ]),
    useCase(ExportIacUseCase, [ResourceRepository, TerraformRunner]),
    useCase(ImportIacUseCase, [
      ProviderRepository,
      ResourceRepository,
      CredentialCipher,
      ThreatScan,
      CloudChanges,
      IdGenerator,
      Clock,
    ]),
  ],
  exports: [
    ConnectProviderUseCase,
    ListProvidersUseCase,
    GetProviderUseCase,
    TestProviderUseCase,
    DisconnectProviderUseCase,
    SyncProviderUseCase,
    ListResourcesUseCase,
    GetResourceUseCase,
    CreateResourceUseCase,
    ResourceLifecycleUseCase,
    GetCostsUseCase,
    ForecastCostsUseCase,
    CreateBudgetUseCase,
    ListBudgetsUseCase,
    ListAlertsUseCase,
    ListThreatsUseCase,
    ExportIacUseCase,
    ImportIacUseCase,
    SeedDemoCloudUseCase,
    SyncDueProvidersUseCase,
    ProviderRepository,
  ],
})
export class CloudModule {}
