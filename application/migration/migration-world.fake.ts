import { type CloudProvider } from '../../domain/cloud/provider.entity';
import { FakePriceCatalog } from '../../domain/migration/price-catalog.fake';
import { type WorkloadFacts } from '../../domain/migration/workload.entity';
import { someFacts } from '../../domain/migration/workload.fake';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { type Result, ok } from '../../domain/shared/result';
import { asTenantId } from '../../domain/shared/tenant-id';
import { type JsonObject } from '../../domain/workflows/workflow';
import { type ActionContext, type AgentAction, type RecordedStep } from '../agents/agent-actions';
import { type TenantActor } from '../shared/actor';
import { type NodeOutcome } from '../workflows/node-handler';
import { type MigrationActionDeps } from './actions/action-support';
import { migrationActions } from './migration-actions';
import {
  FakeProviders,
  FakeTargetCloud,
  FakeWorkflows,
  InMemoryMigrationRepository,
  InMemoryWorkloadRepository,
} from './migration.fake';
import { PlanWavesUseCase } from './plan-waves.use-case';

export const TENANT = asTenantId('00000000-0000-7000-8000-00000000aaaa');
export const ACTOR: TenantActor = {
  kind: 'user',
  userId: '00000000-0000-7000-8000-0000000000u1',
  email: 'dev@acme.test',
  sessionId: 's1',
  tenantId: TENANT,
  role: 'admin',
  isOperator: false,
};
export const PROVIDER: CloudProvider = {
  tenantId: TENANT,
  id: '00000000-0000-7000-8000-0000000000p1',
  kind: 'simulated',
  name: 'Simulated cloud',
  regions: ['test-1'],
  status: 'connected',
  lastSyncAt: null,
  lastError: null,
  account: 'simulated:demo',
  credentialKeyId: 'k1',
  maskedCredentials: {},
  createdAt: new Date('2026-01-01T00:00:00.000Z'),
};

/** db ← api ← web, plus an idle report server to retire and a SaaS-replaceable wiki. */
export const PORTFOLIO: WorkloadFacts[] = [
  someFacts({ name: 'db', techStack: ['postgresql'], criticality: 'high' }),
  someFacts({ name: 'api', dependencies: ['db'], techStack: ['java', 'tomcat'] }),
  someFacts({ name: 'web', dependencies: ['api'] }),
  someFacts({ name: 'old-report', criticality: 'low', utilization: { cpuP50: 1, cpuP95: 2, memP95: 10 } }),
  someFacts({ name: 'wiki', techStack: ['confluence'], dependencies: ['db'] }),
];

/** Everything the migration use cases and actions need, as fakes with a clock a spec can move. */
export async function migrationWorld(clock: Clock, ids: IdGenerator) {
  const workloads = new InMemoryWorkloadRepository();
  await workloads.upsert(TENANT, PORTFOLIO, { id: ids.next(), at: clock.now() }, () => ids.next());
  const migrations = new InMemoryMigrationRepository();
  const catalog = new FakePriceCatalog();
  const cloud = new FakeTargetCloud();
  const workflows = new FakeWorkflows();
  const providers = new FakeProviders([PROVIDER]);
  const planner = new PlanWavesUseCase(workloads, catalog, clock);
  const policy = { decision: 'allow' as 'allow' | 'block' | 'require_approval', reasons: ['ok'] };
  const approvals = new Map<string, { status: string; decision_token?: string }>();
  const calls = { evaluate: [] as unknown[], approvalsCreated: [] as unknown[], started: [] as unknown[] };
  const deps: MigrationActionDeps = {
    workloads,
    migrations,
    catalog,
    cloud,
    clock,
    planWaves: planner,
    evaluatePolicy: {
      execute: async (_actor, input) => {
        calls.evaluate.push(input);
        return ok({
          decision: policy.decision,
          policy_version: 3,
          policy_id: 'p',
          policy_version_id: 'pv',
          reasons: policy.reasons,
          payload_hash: 'h',
          step_id: null,
        });
      },
    },
    createApproval: {
      execute: async (_actor, input) => {
        calls.approvalsCreated.push(input);
        const id = `approval-${approvals.size + 1}`;
        approvals.set(id, { status: 'pending' });
        return ok({ id } as never);
      },
    },
    getApproval: {
      execute: async (_actor, id) => {
        const a = approvals.get(id) ?? { status: 'expired' };
        return ok({
          id,
          status: a.status,
          run_id: 'run-1',
          reason: null,
          decided_by: null,
          decision_token: a.decision_token,
        } as never);
      },
    },
    startMigration: {
      execute: async (_actor, input) => {
        calls.started.push(input);
        throw new Error('startMigration is wired per spec');
      },
    },
  };
  return {
    workloads,
    migrations,
    catalog,
    cloud,
    workflows,
    providers,
    planner,
    policy,
    approvals,
    calls,
    deps,
  };
}

/** The context an agent.task node hands an action, with the node's saved state and upstream outputs. */
export function actionContext(
  params: JsonObject,
  options: { state?: JsonObject | null; upstream?: Record<string, JsonObject>; runId?: string | null } = {},
): ActionContext & { steps: RecordedStep[] } {
  const steps: RecordedStep[] = [];
  return {
    steps,
    actor: ACTOR,
    agent: 'DOA',
    params,
    record: async (step) => {
      steps.push(step);
    },
    run: {
      tenantId: TENANT,
      workflowId: 'wf-1',
      workflow: {
        name: 'migration: wave 1',
        kind: 'migration',
        input: {},
        projectId: null,
        runId: options.runId ?? null,
        startedBy: ACTOR,
      },
      node: {
        key: 'n',
        type: 'agent.task',
        label: null,
        input: {},
        attempt: 1,
        state: options.state ?? null,
      },
      upstream: options.upstream ?? {},
      idempotencyKey: 'wf-1:n',
      signal: new AbortController().signal,
    },
  };
}

/** Performs one named action the way the agent.task node would. */
export function performer(deps: MigrationActionDeps) {
  const byName = new Map<string, AgentAction>(migrationActions(deps).map((a) => [a.name, a]));
  return async (name: string, ctx: ActionContext): Promise<Result<NodeOutcome>> => {
    const action = byName.get(name);
    if (!action) throw new Error(`no action ${name}`);
    return action.perform(ctx);
  };
}
