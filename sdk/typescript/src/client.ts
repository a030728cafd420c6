import { randomUUID } from 'node:crypto';
import { CockpitApiError, CockpitError, StepRejectedError } from './errors';
import { type FetchLike, Transport } from './http';
import { toJsonValue } from './json-value';
import { sanitize } from './redaction/sanitizer';
import { Run, type RunInfo } from './run';
import { type QueuedStep, StepQueue, batchBody } from './step-queue';
import {
  type ApprovalRequest,
  type ApprovalState,
  type EvaluateRequest,
  type EvaluateResult,
} from './governance-types';

export const SDK_VERSION = '0.1.0';

export interface CockpitOptions {
  /** e.g. https://cockpit.example.com (no /v1). */
  readonly baseUrl: string;
  /** A project API key (ck_...). */
  readonly apiKey: string;
  /** The global fetch by default. */
  readonly fetch?: FetchLike;
  /** Steps per request; default 100 (the server takes at most 1,000). */
  readonly batchSize?: number;
  /** Longest a recorded step waits before it is sent; default 1,000 ms. */
  readonly flushIntervalMs?: number;
  /** Largest request body; default 4 MB (the server takes at most 5 MB). */
  readonly maxBatchBytes?: number;
  /** Steps waiting beyond this are dropped and reported; default 10,000. */
  readonly maxQueueSize?: number;
  /** Retries of 429/502/503/504 and network errors; default 5. */
  readonly maxRetries?: number;
  /** First backoff delay, doubled per retry with jitter; default 250 ms. */
  readonly retryBaseDelayMs?: number;
  /** Longest backoff delay; default 10 s. */
  readonly retryMaxDelayMs?: number;
  /** Longest wait a Retry-After header may impose; default 60 s. */
  readonly maxRetryAfterMs?: number;
  /** Per-request timeout; default 30 s (approval long polls add their wait to it). */
  readonly requestTimeoutMs?: number;
  /**
   * Redact step payloads in this process before they are sent, with the same rules as the server
   * (which redacts again). Off by default. The input of a gated tool step is never touched: the
   * server checks its hash against the decision token.
   */
  readonly sanitize?: boolean;
  /** Flush queued steps when the process is about to exit (`beforeExit`); default true. */
  readonly flushOnExit?: boolean;
  /** Tracing never throws into agent code: failures to deliver steps land here (console.warn by default). */
  readonly onError?: (error: Error) => void;
  /** Agent name sent with policy evaluations, unless the gate names one. */
  readonly agent?: string;
  /** Environment sent with policy evaluations (e.g. "production"). */
  readonly environment?: string;
}

export interface StartRunOptions {
  /** Client-chosen UUID; random by default. Starting the same id twice returns the same run. */
  readonly id?: string;
  readonly name?: string;
  readonly tags?: readonly string[];
  readonly metadata?: Record<string, unknown>;
  readonly startedAt?: Date | string;
}

/** Steps that could not be delivered after every retry, or that the server refused as a batch. */
export class StepsDroppedError extends CockpitError {
  constructor(
    readonly runId: string,
    readonly stepIds: readonly string[],
    cause: unknown,
  ) {
    super(
      `${stepIds.length} step(s) of run ${runId} were not recorded: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}

/** A connection to one Cockpit: starts runs, batches their steps, and talks to the gate endpoints. */
export class Cockpit {
  readonly agent: string | undefined;
  readonly environment: string | undefined;
  private readonly transport: Transport;
  private readonly queue: StepQueue;
  private readonly sanitizePayloads: boolean;
  private readonly onError: (error: Error) => void;
  private readonly onBeforeExit: (() => void) | null = null;
  private closed = false;

  constructor(options: CockpitOptions) {
    if (!options.baseUrl) throw new TypeError('Cockpit: baseUrl is required');
    if (!options.apiKey) throw new TypeError('Cockpit: apiKey is required');
    const fetchImpl = options.fetch ?? (globalThis.fetch as unknown as FetchLike | undefined);
    if (!fetchImpl)
      throw new TypeError('Cockpit: no global fetch (Node >= 20.19 has one); pass options.fetch');
    this.transport = new Transport(
      options.baseUrl,
      options.apiKey,
      fetchImpl,
      {
        maxRetries: options.maxRetries ?? 5,
        baseDelayMs: options.retryBaseDelayMs ?? 250,
        maxDelayMs: options.retryMaxDelayMs ?? 10_000,
        maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
      },
      options.requestTimeoutMs ?? 30_000,
      `cockpit-sdk-typescript/${SDK_VERSION} node/${process.versions.node}`,
    );
    this.queue = new StepQueue(
      {
        batchSize: Math.min(Math.max(1, options.batchSize ?? 100), 1000),
        maxBatchBytes: options.maxBatchBytes ?? 4_000_000,
        flushIntervalMs: options.flushIntervalMs ?? 1000,
        maxQueueSize: options.maxQueueSize ?? 10_000,
      },
      (runId, steps) => this.sendBatch(runId, steps),
    );
    this.sanitizePayloads = options.sanitize ?? false;
    this.onError = options.onError ?? ((error) => console.warn(`[cockpit] ${error.message}`));
    this.agent = options.agent;
    this.environment = options.environment;
    if (options.flushOnExit ?? true) {
      // beforeExit fires when the event loop is empty; the flush's requests keep it alive until sent.
      this.onBeforeExit = () => {
        if (this.queue.pending > 0) void this.queue.flush();
      };
      process.on('beforeExit', this.onBeforeExit);
    }
  }

  /** Creates the run on the server (idempotent on its client-chosen id) and returns it. */
  async startRun(options: StartRunOptions = {}): Promise<Run> {
    this.assertOpen();
    const id = options.id ?? randomUUID();
    const body: Record<string, unknown> = { id };
    if (options.name !== undefined) body.name = options.name;
    if (options.tags !== undefined) body.tags = options.tags;
    if (options.metadata !== undefined) body.metadata = toJsonValue(options.metadata);
    if (options.startedAt !== undefined)
      body.started_at =
        typeof options.startedAt === 'string' ? options.startedAt : options.startedAt.toISOString();
    const reply = await this.transport.request<RunInfo>('POST', '/v1/runs', { body });
    return new Run(this, id, options.name, reply.body);
  }

  /**
   * Starts a run, passes it to `fn`, and finishes it: "succeeded" when `fn` resolves, "failed" when
   * it throws (the error is rethrown).
   */
  async withRun<R>(options: StartRunOptions, fn: (run: Run) => R | Promise<R>): Promise<R> {
    const run = await this.startRun(options);
    let result: R;
    try {
      result = await fn(run);
    } catch (error) {
      await run.finish('failed').catch((finishError: unknown) => this.reportError(finishError));
      throw error;
    }
    await run.finish('succeeded');
    return result;
  }

  /** Sends every step recorded so far; resolves when they are delivered or given up on. */
  flush(): Promise<void> {
    return this.queue.flush();
  }

  /** Flushes, then stops: no more runs or steps. Safe to call twice. */
  async close(): Promise<void> {
    if (this.onBeforeExit) process.removeListener('beforeExit', this.onBeforeExit);
    await this.queue.flush();
    this.closed = true;
  }

  /** `POST /v1/policies:evaluate`. */
  async evaluatePolicy(
    request: EvaluateRequest,
    options: { signal?: AbortSignal } = {},
  ): Promise<EvaluateResult> {
    const reply = await this.transport.request<EvaluateResult>('POST', '/v1/policies:evaluate', {
      body: request,
      signal: options.signal,
    });
    return reply.body;
  }

  /** `POST /v1/approvals`. */
  async createApproval(
    request: ApprovalRequest,
    options: { signal?: AbortSignal } = {},
  ): Promise<ApprovalState> {
    const reply = await this.transport.request<ApprovalState>('POST', '/v1/approvals', {
      body: request,
      signal: options.signal,
    });
    return reply.body;
  }

  /** `GET /v1/approvals/{id}?wait=` — a long poll of at most 30 s. */
  async getApproval(
    id: string,
    options: { waitSeconds?: number; signal?: AbortSignal } = {},
  ): Promise<ApprovalState> {
    const wait = Math.min(30, Math.max(0, Math.ceil(options.waitSeconds ?? 0)));
    const reply = await this.transport.request<ApprovalState>(
      'GET',
      `/v1/approvals/${encodeURIComponent(id)}${wait > 0 ? `?wait=${wait}` : ''}`,
      { signal: options.signal, timeoutMs: wait * 1000 + 15_000 },
    );
    return reply.body;
  }

  /** @internal Queues one step of a run (Run.step calls this). */
  record(runId: string, id: string, wire: Record<string, unknown>): void {
    if (this.closed) {
      this.reportError(new CockpitError(`the Cockpit client is closed: step ${id} was not recorded`));
      return;
    }
    const protectedInput = wire.decision_token !== undefined;
    for (const field of ['model_params', 'input', 'output', 'error', 'metadata']) {
      if (wire[field] === undefined) continue;
      let value = toJsonValue(wire[field]);
      if (this.sanitizePayloads && !(field === 'input' && protectedInput)) value = sanitize(value);
      wire[field] = value;
    }
    const accepted = this.queue.push({ runId, id, json: JSON.stringify(wire) });
    if (!accepted) this.reportError(new StepsDroppedError(runId, [id], 'the step queue is full'));
    // A decision token is short-lived: its step goes out now rather than with the next batch.
    else if (protectedInput) void this.queue.flush();
  }

  /** @internal */
  async finishRun(runId: string, body: Record<string, unknown>): Promise<RunInfo> {
    const reply = await this.transport.request<RunInfo>('POST', `/v1/runs/${runId}:finish`, { body });
    return reply.body;
  }

  /** @internal */
  reportError(error: unknown): void {
    try {
      this.onError(error instanceof Error ? error : new CockpitError(String(error)));
    } catch {
      // An onError that throws must not break tracing either.
    }
  }

  private async sendBatch(runId: string, steps: readonly QueuedStep[]): Promise<void> {
    let reply;
    try {
      reply = await this.transport.request<unknown>('POST', `/v1/runs/${runId}/steps`, {
        rawBody: batchBody(steps),
      });
    } catch (error) {
      // Too large for the server: halve the batch (a single step too large is dropped).
      if (error instanceof CockpitApiError && error.status === 413 && steps.length > 1) {
        const half = Math.ceil(steps.length / 2);
        await this.sendBatch(runId, steps.slice(0, half));
        await this.sendBatch(runId, steps.slice(half));
        return;
      }
      this.reportError(
        new StepsDroppedError(
          runId,
          steps.map((step) => step.id),
          error,
        ),
      );
      return;
    }
    for (const rejected of rejectedSteps(reply.body))
      this.reportError(new StepRejectedError(runId, rejected.id, rejected.status, rejected.detail));
  }

  private assertOpen(): void {
    if (this.closed) throw new CockpitError('the Cockpit client is closed');
  }
}

/** Per-step refusals in a 207 (`status` 4xx per PROTOCOL.md, or `status: "rejected"` with a `code`). */
function rejectedSteps(body: unknown): { id: string | null; status: number; detail: unknown }[] {
  const results = (body as { results?: unknown } | undefined)?.results;
  if (!Array.isArray(results)) return [];
  const out: { id: string | null; status: number; detail: unknown }[] = [];
  for (const result of results as Record<string, unknown>[]) {
    const code =
      typeof result.status === 'number'
        ? result.status
        : typeof result.code === 'number'
          ? result.code
          : null;
    if ((code !== null && code >= 400) || result.status === 'rejected')
      out.push({
        id: typeof result.id === 'string' ? result.id : null,
        status: code ?? 400,
        detail: result.problem ?? result.error ?? null,
      });
  }
  return out;
}
