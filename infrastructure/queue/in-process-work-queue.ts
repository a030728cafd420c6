import { type NodeJob, WorkQueue, nodeJobId } from '../../domain/workflows/ports/work-queue.port';

export interface InProcessQueueOptions {
  /** Jobs waiting at most; `enqueue` waits for room beyond that. */
  readonly capacity: number;
  readonly onError?: (error: unknown, job: NodeJob) => void;
}

/**
 * The embedded executor: a bounded FIFO in this process. A job already waiting or running here is
 * not added twice; delayed jobs wait on timers and join the queue when due, room or not (they
 * are few: retries and wake-ups). Jobs do not survive the process: recovery re-enqueues them.
 */
export class InProcessWorkQueue extends WorkQueue {
  readonly kind = 'in-process';
  private readonly waiting: NodeJob[] = [];
  /** Ids of the jobs waiting or running here. */
  private readonly present = new Set<string>();
  private readonly roomWaiters: (() => void)[] = [];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly running = new Set<Promise<void>>();
  private handler: ((job: NodeJob) => Promise<void>) | null = null;
  private concurrency = 0;
  private consuming = false;
  private closed = false;

  constructor(private readonly options: InProcessQueueOptions) {
    super();
  }

  async enqueue(job: NodeJob, delayMs?: number): Promise<void> {
    if (this.closed) return;
    if (delayMs !== undefined && delayMs > 0) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (!this.closed) this.push(job);
      }, delayMs);
      this.timers.add(timer);
      return;
    }
    while (this.waiting.length >= this.options.capacity && !this.closed) {
      await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
    }
    if (!this.closed) this.push(job);
  }

  async consume(handler: (job: NodeJob) => Promise<void>, concurrency: number): Promise<void> {
    this.handler = handler;
    this.concurrency = Math.max(1, concurrency);
    this.consuming = true;
    this.pump();
  }

  override async stopConsuming(): Promise<void> {
    this.consuming = false;
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  async close(options: { abandon?: boolean } = {}): Promise<void> {
    this.consuming = false;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.waiting.length = 0;
    for (const resolve of this.roomWaiters.splice(0)) resolve();
    if (!options.abandon) while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Jobs waiting (not running), for tests and metrics. */
  get size(): number {
    return this.waiting.length;
  }

  private push(job: NodeJob): void {
    const id = nodeJobId(job);
    if (this.present.has(id)) return;
    this.present.add(id);
    this.waiting.push(job);
    this.pump();
  }

  private pump(): void {
    while (
      this.consuming &&
      this.handler &&
      this.running.size < this.concurrency &&
      this.waiting.length > 0
    ) {
      const job = this.waiting.shift() as NodeJob;
      this.roomWaiters.shift()?.();
      this.start(this.handler, job);
    }
  }

  private start(handler: (job: NodeJob) => Promise<void>, job: NodeJob): void {
    const run = (async () => {
      try {
        await handler(job);
      } catch (error) {
        this.options.onError?.(error, job);
      }
    })();
    this.running.add(run);
    void run.finally(() => {
      this.running.delete(run);
      this.present.delete(nodeJobId(job));
      this.pump();
    });
  }
}
