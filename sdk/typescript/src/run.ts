import { randomUUID } from 'node:crypto';
import type { Cockpit } from './client';
import { CockpitError } from './errors';
import { type Usage, errorValue, usageOf } from './json-value';

export type StepKind = 'prompt' | 'model' | 'tool' | 'policy' | 'approval' | 'error' | 'retrieval' | 'custom';
export type FinalRunStatus = 'succeeded' | 'failed' | 'cancelled';
export type { Usage } from './json-value';

/** One step as the SDK takes it (camelCase); it is sent as the snake_case step of PROTOCOL.md. */
export interface StepInput {
  readonly kind: StepKind;
  /** Unique within the run, `[\w.:@/-]{1,128}`; a random UUID by default. Resending an id is a no-op. */
  readonly id?: string;
  readonly name?: string;
  readonly parentId?: string | null;
  /** Now by default. */
  readonly startedAt?: Date | string;
  readonly endedAt?: Date | string | null;
  readonly model?: string;
  readonly modelParams?: Record<string, unknown>;
  readonly tool?: string;
  readonly input?: unknown;
  readonly output?: unknown;
  readonly usage?: Usage;
  readonly costUsd?: number;
  /** A string, or any value (an Error is sent as `{name, message}`). */
  readonly error?: unknown;
  /** The decision token that allowed this tool call (see `hitlGate`). */
  readonly decisionToken?: string;
  readonly metadata?: Record<string, unknown>;
}

/** What the helpers pass to the traced function, so that it can nest steps under its own. */
export interface StepContext {
  readonly stepId: string;
  readonly run: Run;
}

export interface TracedStepOptions {
  readonly id?: string;
  readonly name?: string;
  readonly parentId?: string;
  readonly metadata?: Record<string, unknown>;
}

export interface ModelStepOptions<R> extends TracedStepOptions {
  readonly modelParams?: Record<string, unknown>;
  /** Token usage of the result; by default read from `usage`/`usage_metadata` in the common shapes. */
  readonly usage?: (result: R) => Usage | undefined;
  readonly costUsd?: (result: R) => number | undefined;
}

/** The run as the server returns it. */
export interface RunInfo {
  readonly id: string;
  readonly status: string;
  readonly [field: string]: unknown;
}

const isoTime = (time: Date | string | undefined): string =>
  time === undefined ? new Date().toISOString() : typeof time === 'string' ? time : time.toISOString();

/** A traced run: record steps with `step` or the helpers, then `finish` it. */
export class Run {
  private finishing: { status: FinalRunStatus; result: Promise<RunInfo> } | null = null;

  /** @internal Created by `Cockpit.startRun`. */
  constructor(
    readonly cockpit: Cockpit,
    readonly id: string,
    readonly name: string | undefined,
    readonly info: RunInfo,
  ) {}

  get finished(): boolean {
    return this.finishing !== null;
  }

  /** Queues a step for the next batch and returns its id. Never throws for transport problems. */
  step(step: StepInput): string {
    const id = step.id ?? randomUUID();
    const wire: Record<string, unknown> = { id, kind: step.kind, started_at: isoTime(step.startedAt) };
    const optional: [string, unknown][] = [
      ['name', step.name],
      ['parent_id', step.parentId],
      [
        'ended_at',
        step.endedAt === undefined || step.endedAt === null ? step.endedAt : isoTime(step.endedAt),
      ],
      ['model', step.model],
      ['model_params', step.modelParams],
      ['tool', step.tool],
      ['input', step.input],
      ['output', step.output],
      [
        'usage',
        step.usage && { input_tokens: step.usage.inputTokens, output_tokens: step.usage.outputTokens },
      ],
      ['cost_usd', step.costUsd],
      ['error', step.error === undefined ? undefined : errorValue(step.error)],
      ['decision_token', step.decisionToken],
      ['metadata', step.metadata],
    ];
    for (const [field, value] of optional) if (value !== undefined) wire[field] = value;
    if (this.finishing) {
      this.cockpit.reportError(new CockpitError(`run ${this.id} is finished: step ${id} was not recorded`));
      return id;
    }
    this.cockpit.record(this.id, id, wire);
    return id;
  }

  /** Runs `fn`, recording it as a step of `kind` with its input, output or error, and rethrowing. */
  async trace<I, R>(
    kind: StepKind,
    input: I,
    fn: (input: I, context: StepContext) => R | Promise<R>,
    options: TracedStepOptions & Omit<StepInput, 'kind' | 'input' | 'output' | 'error'> = {},
    describe?: (result: R) => Partial<StepInput>,
  ): Promise<R> {
    const id = options.id ?? randomUUID();
    const startedAt = new Date();
    const { id: _id, ...fields } = options;
    try {
      const result = await fn(input, { stepId: id, run: this });
      this.step({
        ...fields,
        ...describe?.(result),
        kind,
        id,
        input,
        output: result,
        startedAt,
        endedAt: new Date(),
      });
      return result;
    } catch (error) {
      this.step({ ...fields, kind, id, input, error, startedAt, endedAt: new Date() });
      throw error;
    }
  }

  /** `fn(input)` traced as a tool call (not gated: see `hitlGate` for that). */
  toolStep<I, R>(
    tool: string,
    input: I,
    fn: (input: I, context: StepContext) => R | Promise<R>,
    options: TracedStepOptions = {},
  ): Promise<R> {
    return this.trace('tool', input, fn, { name: tool, ...options, tool });
  }

  /** `fn(input)` traced as a model call, with token usage read from its result. */
  modelStep<I, R>(
    model: string,
    input: I,
    fn: (input: I, context: StepContext) => R | Promise<R>,
    options: ModelStepOptions<R> = {},
  ): Promise<R> {
    const { usage = usageOf, costUsd, ...rest } = options;
    return this.trace('model', input, fn, { name: model, ...rest, model }, (result) => ({
      usage: usage(result),
      costUsd: costUsd?.(result),
    }));
  }

  /** `fn(query)` traced as a retrieval. */
  retrievalStep<I, R>(
    name: string,
    query: I,
    fn: (query: I, context: StepContext) => R | Promise<R>,
    options: TracedStepOptions = {},
  ): Promise<R> {
    return this.trace('retrieval', query, fn, { name, ...options });
  }

  /**
   * Sends the run's remaining steps, then finishes it. Calling it again with the same status returns
   * the same answer; with another status the server answers 409 (a CockpitApiError).
   */
  finish(status: FinalRunStatus = 'succeeded', options: { endedAt?: Date | string } = {}): Promise<RunInfo> {
    if (this.finishing && this.finishing.status === status) return this.finishing.result;
    const result = (async () => {
      await this.cockpit.flush();
      const body = { status, ...(options.endedAt ? { ended_at: isoTime(options.endedAt) } : {}) };
      return this.cockpit.finishRun(this.id, body);
    })();
    this.finishing ??= { status, result };
    return result;
  }
}
