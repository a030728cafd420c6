import { type DomainError } from '../../domain/shared/domain-error';
import { type Result } from '../../domain/shared/result';
import { type JsonObject } from '../../domain/workflows/workflow';
import { type TenantActor } from '../shared/actor';
import { type NodeOutcome, type NodeRun } from '../workflows/node-handler';

/** How risky an action is: what policies see. */
export type ActionRisk = 'low' | 'medium' | 'high' | 'critical';

/** What an action gets when an agent performs it inside a workflow node. */
export interface ActionContext {
  /** The node attempt (signal, idempotency key, upstream outputs, saved state). */
  readonly run: NodeRun;
  /** Who started the workflow; use cases are called as this actor. */
  readonly actor: TenantActor;
  /** The agent performing the action, e.g. `DOA` or `DOA.L1.execute:web-01`. */
  readonly agent: string;
  readonly params: JsonObject;
  /** Adds a step under the action's own step in the workflow's run (e.g. one per cloud call). */
  readonly record: (step: RecordedStep) => Promise<void>;
}

export interface RecordedStep {
  /** Unique within the action attempt; the recorder prefixes it. */
  readonly id: string;
  readonly kind: 'tool' | 'policy' | 'approval' | 'custom' | 'error';
  readonly name: string;
  readonly tool?: string;
  readonly input?: unknown;
  readonly output?: unknown;
  readonly error?: string;
}

/**
 * One thing an agent can do. Its `name` is the IAM permission: an agent may perform it only when
 * its permissions list the name (or a `prefix.*` wildcard covering it).
 */
export interface AgentAction {
  readonly name: string;
  readonly description: string;
  readonly risk: ActionRisk;
  readonly perform: (ctx: ActionContext) => Promise<Result<NodeOutcome, DomainError>>;
}

/** Every action the agents can perform in this process, by name. */
export class AgentActions {
  private readonly actions = new Map<string, AgentAction>();

  constructor(actions: readonly AgentAction[] = []) {
    for (const action of actions) this.register(action);
  }

  register(action: AgentAction): this {
    if (this.actions.has(action.name)) throw new Error(`agent action ${action.name} is registered twice`);
    this.actions.set(action.name, action);
    return this;
  }

  get(name: string): AgentAction | undefined {
    return this.actions.get(name);
  }

  list(): AgentAction[] {
    return [...this.actions.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}

/**
 * The action names the roster's permissions refer to. Actions are registered by the context that
 * owns them (migration, cloud, governance, runs); the names are fixed here so both sides agree.
 */
export const ACTION_NAMES = {
  // FIA: Financial Insight
  costAnalyze: 'cost.analyze',
  costForecast: 'cost.forecast',
  migrationTco: 'migration.tco',
  // GA: Governance
  policyEvaluate: 'policy.evaluate',
  threatsReview: 'threats.review',
  migrationCutoverGate: 'migration.cutover_gate',
  // RSA: Refactoring Strategy
  migrationAssess: 'migration.assess',
  // MVA: Migration Velocity
  migrationPlanWaves: 'migration.plan_waves',
  migrationPlanWave: 'migration.plan_wave',
  migrationRunWave: 'migration.run_wave',
  migrationComplete: 'migration.complete',
  // DOA: Deployment Orchestration
  migrationExecuteWorkload: 'migration.execute_workload',
  migrationCutover: 'migration.cutover',
  migrationRollbackWorkload: 'migration.rollback_workload',
  cloudLifecycle: 'cloud.lifecycle',
  // PMA: Performance Monitoring
  runsHealth: 'runs.health',
  migrationValidate: 'migration.validate',
} as const;
