import { randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type DestinationStream } from 'pino';
import {
  type BootstrapOutcome,
  BootstrapInstanceUseCase,
} from '../application/tenancy/bootstrap-instance.use-case';
import { DiffRunsUseCase } from '../application/runs/diff-runs.use-case';
import { GetRunUseCase } from '../application/runs/get-run.use-case';
import { ListRunStepsUseCase } from '../application/runs/list-run-steps.use-case';
import { ListRunsUseCase } from '../application/runs/list-runs.use-case';
import { AuthenticateUseCase } from '../application/tenancy/authenticate.use-case';
import { GetIdentityUseCase } from '../application/tenancy/get-identity.use-case';
import { GetProjectUseCase } from '../application/tenancy/get-project.use-case';
import { ListProjectsUseCase } from '../application/tenancy/list-projects.use-case';
import { ForecastCostsUseCase, GetCostsUseCase } from '../application/cloud/cost-queries.use-case';
import { ExportIacUseCase, ImportIacUseCase } from '../application/cloud/iac.use-case';
import { ListThreatsUseCase } from '../application/cloud/list-threats.use-case';
import {
  CreateBudgetUseCase,
  ListAlertsUseCase,
  ListBudgetsUseCase,
} from '../application/cloud/manage-budgets.use-case';
import {
  ConnectProviderUseCase,
  DisconnectProviderUseCase,
  GetProviderUseCase,
  ListProvidersUseCase,
  TestProviderUseCase,
} from '../application/cloud/manage-providers.use-case';
import {
  CreateResourceUseCase,
  GetResourceUseCase,
  ListResourcesUseCase,
  ResourceLifecycleUseCase,
} from '../application/cloud/manage-resources.use-case';
import { SyncProviderUseCase } from '../application/cloud/sync-provider.use-case';
import { cloudProviderService } from '../mcp-servers/cloud-provider-service/cloud-provider.server';
import { costService } from '../mcp-servers/cost-service/cost.server';
import { iacService } from '../mcp-servers/iac-service/iac.server';
import { infrastructureResourceService } from '../mcp-servers/infrastructure-resource-service/infrastructure-resource.server';
import { Clock } from '../domain/shared/ports/clock.port';
import { SeedDemoCloudUseCase } from '../application/cloud/seed-demo-cloud.use-case';
import { SyncDueProvidersUseCase } from '../application/cloud/sync-due-providers.use-case';
import { asTenantId } from '../domain/shared/tenant-id';
import { observabilityService } from '../mcp-servers/observability-service/observability.server';
import { type McpServerDefinition } from '../mcp-servers/shared/definitions';
import { mountMcpHttp } from '../mcp-servers/shared/http-endpoint';
import { configureBodyParsing } from '../presentation/http/body-parsing';
import { LiveEventsGateway } from '../presentation/ws/live-events.gateway';
import { AppModule } from './app.module';
import { mountAgentCards } from './a2a';
import { agentService } from '../mcp-servers/agent-service/agent.server';
import { GetAgentUseCase, ListAgentsUseCase } from '../application/agents/list-agents.use-case';
import { StartGoalUseCase } from '../application/agents/start-goal.use-case';
import { Workflows } from '../application/workflows/workflows';
import { AssessWorkloadsUseCase } from '../application/migration/assess-workloads.use-case';
import { GetMigrationUseCase } from '../application/migration/get-migration.use-case';
import { ImportInventoryUseCase } from '../application/migration/import-inventory.use-case';
import { ListWorkloadsUseCase } from '../application/migration/list-workloads.use-case';
import { PlanWavesUseCase } from '../application/migration/plan-waves.use-case';
import { RetryMigrationUseCase } from '../application/migration/retry-migration.use-case';
import { RollbackMigrationUseCase } from '../application/migration/rollback-migration.use-case';
import { StartMigrationUseCase } from '../application/migration/start-migration.use-case';
import { type Config, workflowExecutor } from './config';
import { backgroundJobs } from './jobs';
import { VerifyAuditLogUseCase } from '../application/audit/audit-log.use-case';
import { DecideApprovalUseCase } from '../application/governance/decide-approval.use-case';
import { EvaluatePolicyUseCase } from '../application/governance/evaluate-policy.use-case';
import { ListApprovalsUseCase } from '../application/governance/get-approval.use-case';
import { SweepGovernanceUseCase } from '../application/governance/sweep-governance.use-case';
import { type Runtime } from './runtime';
import { PinoNestLogger, openRuntime } from './runtime-factory';
import { WorkflowRunner } from '../application/workflows/workflow-runner';

export interface CockpitApp {
  readonly app: NestFastifyApplication;
  readonly runtime: Runtime;
  readonly gateway: LiveEventsGateway;
  /** What first start did (the generated admin password is in here, to print once). */
  readonly bootstrap: BootstrapOutcome;
  close(): Promise<void>;
}

export interface CreateAppOptions {
  /** Where logs go (tests capture them); stdout by default. */
  readonly logDestination?: DestinationStream;
}

/**
 * Opens the database (running migrations), wires every module, mounts the MCP servers and the
 * WebSocket gateway, and seeds the instance on first start. `listen` is left to the caller.
 */
export async function createApp(config: Config, options: CreateAppOptions = {}): Promise<CockpitApp> {
  const opened = await openRuntime(config, options);
  const { runtime, redis } = opened;
  const { db, events, logger } = runtime;

  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // a full step batch must always fit, whatever the general limit says
    bodyLimit: Math.max(config.COCKPIT_BODY_LIMIT, config.COCKPIT_INGEST_MAX_BYTES + 64 * 1024),
    trustProxy: config.COCKPIT_TRUST_PROXY,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(runtime), adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
    bodyParser: false, // configureBodyParsing owns it: JSON, raw OTLP bodies, gzip
  });
  const fastify = app.getHttpAdapter().getInstance();
  configureBodyParsing(fastify);
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  app.enableCors({
    origin: config.COCKPIT_CORS_ORIGINS.length > 0 ? config.COCKPIT_CORS_ORIGINS : false,
    credentials: true,
    exposedHeaders: ['x-request-id', 'retry-after', 'www-authenticate'],
  });
  if (config.COCKPIT_RATE_LIMIT_MAX > 0) {
    await app.register(rateLimit, {
      max: config.COCKPIT_RATE_LIMIT_MAX,
      timeWindow: config.COCKPIT_RATE_LIMIT_WINDOW_MS,
      ...(redis ? { redis, nameSpace: 'cockpit:rate:', skipOnError: true } : {}),
      allowList: (request) => request.url === '/healthz' || request.url === '/readyz',
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429,
        message: `rate limit of ${context.max} requests per ${context.after} exceeded; retry after ${Math.ceil(context.ttl / 1000)} s`,
      }),
    });
  }

  const mcpServers: McpServerDefinition[] = [
    observabilityService({
      listProjects: app.get(ListProjectsUseCase),
      getProject: app.get(GetProjectUseCase),
      identity: app.get(GetIdentityUseCase),
      listRuns: app.get(ListRunsUseCase),
      getRun: app.get(GetRunUseCase),
      listSteps: app.get(ListRunStepsUseCase),
      diffRuns: app.get(DiffRunsUseCase),
      listApprovals: app.get(ListApprovalsUseCase),
      decideApproval: app.get(DecideApprovalUseCase),
      evaluatePolicy: app.get(EvaluatePolicyUseCase),
      verifyAudit: app.get(VerifyAuditLogUseCase),
    }),
    cloudProviderService({
      listProviders: app.get(ListProvidersUseCase),
      getProvider: app.get(GetProviderUseCase),
      connectProvider: app.get(ConnectProviderUseCase),
      testProvider: app.get(TestProviderUseCase),
      syncProvider: app.get(SyncProviderUseCase),
      disconnectProvider: app.get(DisconnectProviderUseCase),
    }),
    infrastructureResourceService({
      listResources: app.get(ListResourcesUseCase),
      getResource: app.get(GetResourceUseCase),
      createResource: app.get(CreateResourceUseCase),
      lifecycle: app.get(ResourceLifecycleUseCase),
      listThreats: app.get(ListThreatsUseCase),
    }),
    costService({
      getCosts: app.get(GetCostsUseCase),
      forecastCosts: app.get(ForecastCostsUseCase),
      listBudgets: app.get(ListBudgetsUseCase),
      createBudget: app.get(CreateBudgetUseCase),
      listAlerts: app.get(ListAlertsUseCase),
      clock: app.get(Clock),
    }),
    iacService({ exportIac: app.get(ExportIacUseCase), importIac: app.get(ImportIacUseCase) }),
    agentService({
      listAgents: app.get(ListAgentsUseCase),
      getAgent: app.get(GetAgentUseCase),
      startGoal: app.get(StartGoalUseCase),
      workflows: app.get(Workflows),
      importInventory: app.get(ImportInventoryUseCase),
      listWorkloads: app.get(ListWorkloadsUseCase),
      assess: app.get(AssessWorkloadsUseCase),
      planWaves: app.get(PlanWavesUseCase),
      startMigration: app.get(StartMigrationUseCase),
      getMigration: app.get(GetMigrationUseCase),
      retryMigration: app.get(RetryMigrationUseCase),
      rollbackMigration: app.get(RollbackMigrationUseCase),
    }),
  ];
  mountMcpHttp(fastify, {
    servers: mcpServers,
    authenticate: app.get(AuthenticateUseCase),
    publicUrl: runtime.publicUrl,
    onError: (error) => logger.error({ err: error }, 'MCP tool failed'),
  });

  mountAgentCards(fastify, app, runtime, logger);

  await app.init();
  const gateway = new LiveEventsGateway(app.get(AuthenticateUseCase), events, {
    path: '/v1/ws',
    authTimeoutMs: 5000,
    recheckMs: 60_000,
  });
  gateway.attach(app.getHttpServer());

  const seeded = await app.get(BootstrapInstanceUseCase).execute({
    adminEmail: config.COCKPIT_ADMIN_EMAIL,
    adminPassword: config.COCKPIT_ADMIN_PASSWORD,
  });
  if (!seeded.ok) {
    await app.close();
    await db.close();
    throw new Error(`could not create the first admin: ${seeded.error.message}`);
  }

  if (config.NODE_ENV === 'production' && !config.COCKPIT_ENCRYPTION_KEY) {
    logger.warn('COCKPIT_ENCRYPTION_KEY is not set: connecting cloud providers is refused until it is');
  }
  if (seeded.value.created) {
    const demo = await app.get(SeedDemoCloudUseCase).execute(asTenantId(seeded.value.tenantId));
    if (!demo.ok) logger.warn({ reason: demo.error.message }, 'the demo tenant has no simulated cloud');
  }

  // approvals expire, webhooks go out and clouds sync from the API processes: they need the whole container
  const sweep = app.get(SweepGovernanceUseCase);
  const cloudSync = app.get(SyncDueProvidersUseCase);
  const jobs = config.COCKPIT_BACKGROUND_JOBS
    ? backgroundJobs(db, logger, [
        { name: 'sweep-governance', everyMs: 2000, run: () => sweep.execute() },
        { name: 'sync-clouds', everyMs: 60_000, run: () => cloudSync.execute() },
      ])
    : null;
  jobs?.start();

  // workflow nodes run here unless only workers consume (the in-process queue has no other consumer)
  const workflows = app.get(WorkflowRunner);
  if (config.COCKPIT_WORKFLOW_CONSUMER || workflowExecutor(config) === 'in-process') {
    await workflows.startConsumer();
  }
  workflows.startRecovery();

  let closed = false;
  return {
    app,
    runtime,
    gateway,
    bootstrap: seeded.value,
    async close() {
      if (closed) return;
      closed = true;
      jobs?.stop();
      await workflows.stop();
      await gateway.close();
      await app.close();
      await opened.close();
    },
  };
}
