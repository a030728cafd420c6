/** A step ready to send: serialised once, when it was recorded, so later mutations cannot change it. */
export interface QueuedStep {
  readonly runId: string;
  readonly id: string;
  readonly json: string;
}

export interface QueueOptions {
  /** Steps per request (the server takes at most 1,000). */
  readonly batchSize: number;
  /** Bytes per request body (the server takes at most 5 MB). */
  readonly maxBatchBytes: number;
  /** How long a step may wait for companions before its batch is sent. */
  readonly flushIntervalMs: number;
  /** Beyond this many waiting steps new ones are dropped (and reported) rather than exhausting memory. */
  readonly maxQueueSize: number;
}

/** Sends one batch of steps of one run; never rejects (failures are reported by the sender). */
export type BatchSender = (runId: string, steps: readonly QueuedStep[]) => Promise<void>;

/**
 * Steps wait here until `batchSize` of them are queued, `flushIntervalMs` passes, or someone calls
 * `flush()`. Batches go out one at a time, in order, so a run's steps reach the server in the order
 * they were recorded.
 */
export class StepQueue {
  private queue: QueuedStep[] = [];
  private sending: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight = 0;

  constructor(
    private readonly options: QueueOptions,
    private readonly send: BatchSender,
  ) {}

  /** False when the queue is full and the step was dropped. */
  push(step: QueuedStep): boolean {
    if (this.queue.length >= this.options.maxQueueSize) return false;
    this.queue.push(step);
    if (this.queue.length >= this.options.batchSize) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.options.flushIntervalMs);
      // The interval alone must not keep the process alive; beforeExit flushes what is left.
      this.timer.unref();
    }
    return true;
  }

  /** Steps recorded but not yet acknowledged (queued or in a request). */
  get pending(): number {
    return this.queue.length + this.inFlight;
  }

  /** Resolves once every step queued before the call was sent (or given up on). */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const steps = this.queue;
    if (steps.length === 0) return this.sending;
    this.queue = [];
    this.inFlight += steps.length;
    this.sending = this.sending.then(async () => {
      try {
        for (const [runId, batch] of this.batches(steps)) await this.send(runId, batch);
      } finally {
        this.inFlight -= steps.length;
      }
    });
    return this.sending;
  }

  /** Consecutive steps of one run, cut at batchSize steps and maxBatchBytes bytes. */
  private *batches(steps: readonly QueuedStep[]): Generator<[string, QueuedStep[]]> {
    const byRun = new Map<string, QueuedStep[]>();
    for (const step of steps) {
      const list = byRun.get(step.runId);
      if (list) list.push(step);
      else byRun.set(step.runId, [step]);
    }
    for (const [runId, list] of byRun) {
      let batch: QueuedStep[] = [];
      let bytes = BODY_OVERHEAD;
      for (const step of list) {
        const size = Buffer.byteLength(step.json, 'utf8') + 1;
        if (
          batch.length > 0 &&
          (batch.length >= this.options.batchSize || bytes + size > this.options.maxBatchBytes)
        ) {
          yield [runId, batch];
          batch = [];
          bytes = BODY_OVERHEAD;
        }
        batch.push(step);
        bytes += size;
      }
      if (batch.length > 0) yield [runId, batch];
    }
  }
}

/** `{"steps":[` and `]}`. */
const BODY_OVERHEAD = 12;

export const batchBody = (steps: readonly QueuedStep[]): string =>
  `{"steps":[${steps.map((step) => step.json).join(',')}]}`;
