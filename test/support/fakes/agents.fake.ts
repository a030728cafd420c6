import { type Result, ok } from '../../../domain/shared/result';
import { asTenantId } from '../../../domain/shared/tenant-id';
import { type AppendStepsUseCase } from '../../../application/runs/append-steps.use-case';
import { type CreateRunInput, type FinishRunInput, StepInput } from '../../../application/runs/run-input';
import { type StepBatchResult } from '../../../application/runs/step-result';
import { type Actor, type TenantActor } from '../../../application/shared/actor';
import { type NodeRun } from '../../../application/workflows/node-handler';
import { type ActionContext, type RecordedStep } from '../../../application/agents/agent-actions';

export const AGENTS_TENANT = asTenantId('00000000-0000-7000-8000-0000000000a1');
export const AGENTS_PROJECT = '00000000-0000-7000-8000-0000000000b1';
export const AGENTS_RUN = '00000000-0000-7000-8000-0000000000c1';

export const aDeveloper = (overrides: Partial<TenantActor> = {}): TenantActor =>
  ({
    kind: 'user',
    userId: 'u-1',
    email: 'dev@example.test',
    sessionId: 's-1',
    tenantId: AGENTS_TENANT,
    role: 'developer',
    isOperator: false,
    ...overrides,
  }) as TenantActor;

/** One attempt of an `agent.task` node in a goal workflow reporting into AGENTS_RUN. */
export function aNodeRun(
  input: Record<string, unknown>,
  overrides: {
    key?: string;
    attempt?: number;
    state?: Record<string, unknown> | null;
    runId?: string | null;
  } = {},
): NodeRun {
  const key = overrides.key ?? 'task';
  return {
    tenantId: AGENTS_TENANT,
    workflowId: 'wf-1',
    workflow: {
      name: 'goal: test',
      kind: 'goal',
      input: {},
      projectId: AGENTS_PROJECT,
      runId: overrides.runId === undefined ? AGENTS_RUN : overrides.runId,
      startedBy: aDeveloper(),
    },
    node: {
      key,
      type: 'agent.task',
      label: null,
      input,
      attempt: overrides.attempt ?? 1,
      state: overrides.state ?? null,
    },
    upstream: {},
    idempotencyKey: `wf-1:${key}`,
    signal: new AbortController().signal,
  };
}

/** What an action gets inside a node; `recorded` collects what it asked to record. */
export function anActionContext(
  params: Record<string, unknown>,
  overrides: {
    agent?: string;
    key?: string;
    state?: Record<string, unknown> | null;
    runId?: string | null;
  } = {},
): ActionContext & { recorded: RecordedStep[] } {
  const recorded: RecordedStep[] = [];
  const run = aNodeRun({}, overrides);
  return {
    run,
    actor: run.workflow.startedBy,
    agent: overrides.agent ?? 'TEST',
    params,
    record: async (step) => void recorded.push(step),
    recorded,
  };
}

/**
 * The run store's step ingestion as agents see it: each step validated with the real schema, ids a
 * run already has answered as duplicates and never stored twice.
 */
export class FakeAppendSteps implements Pick<AppendStepsUseCase, 'execute'> {
  readonly runs = new Map<string, Map<string, StepInput>>();
  /** Every id ever sent, duplicates included, in order. */
  readonly sent: string[] = [];

  async execute(_actor: Actor, runId: string, raws: readonly unknown[]): Promise<Result<StepBatchResult>> {
    const steps = this.runs.get(runId) ?? new Map<string, StepInput>();
    this.runs.set(runId, steps);
    const results = raws.map((raw) => {
      const parsed = StepInput.safeParse(raw);
      if (!parsed.success) throw new Error(`invalid step sent: ${parsed.error.message}`);
      this.sent.push(parsed.data.id);
      if (steps.has(parsed.data.id)) return { id: parsed.data.id, status: 'duplicate' as const, code: 200 };
      steps.set(parsed.data.id, parsed.data);
      return { id: parsed.data.id, status: 'created' as const, code: 201 };
    });
    return ok({ results, created: results.filter((r) => r.status === 'created').length, rejected: 0 });
  }

  stepsOf(runId: string = AGENTS_RUN): StepInput[] {
    return [...(this.runs.get(runId)?.values() ?? [])];
  }
}

export { FakeAuditLog } from './audit-log.fake';

export class FakeCreateRun {
  readonly calls: CreateRunInput[] = [];
  constructor(private readonly runId = AGENTS_RUN) {}

  async execute(_actor: Actor, input: CreateRunInput) {
    this.calls.push(input);
    return ok({ run: { id: this.runId }, created: true }) as never;
  }
}

export class FakeFinishRun {
  readonly calls: { runId: string; input: FinishRunInput }[] = [];

  async execute(_actor: Actor, runId: string, input: FinishRunInput) {
    this.calls.push({ runId, input });
    return ok({ id: runId, status: input.status }) as never;
  }
}

export { FakeWorkflows } from '../../../application/workflows/workflows.fake';
