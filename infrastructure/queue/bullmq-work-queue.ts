import { type Job, Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { type NodeJob, WorkQueue, nodeJobId } from '../../domain/workflows/ports/work-queue.port';

export interface BullmqQueueOptions {
  readonly url: string;
  /** Redis key prefix: the queue lives under `<prefix>:nodes`. */
  readonly prefix: string;
  /** Waiting jobs at most; `enqueue` waits for room beyond that (checked every ~100 ms). */
  readonly limit: number;
  /**
   * Lock of an active job, and how often workers look for stalled ones: a killed worker's job goes
   * back to another worker within about twice this.
   */
  readonly lockMs: number;
  readonly onError?: (error: unknown, context: string) => void;
}

const QUEUE = 'nodes';
const CHECK_EVERY_MS = 100;

/**
 * BullMQ on Redis: `npm run worker` processes on any number of machines consume the same queue.
 * The job id is the node and its hand-over count, so enqueuing the same hand-over twice (the
 * original and a recovery) adds one job; completed jobs are removed, so the next hand-over can be
 * added again.
 */
export class BullmqWorkQueue extends WorkQueue {
  readonly kind = 'bullmq';
  private readonly connection: Redis;
  private readonly queue: Queue;
  private worker: Worker | null = null;
  private waitingEstimate = 0;
  private checkedAt = 0;

  constructor(private readonly options: BullmqQueueOptions) {
    super();
    const onError = (error: unknown) => options.onError?.(error, 'bullmq');
    this.connection = new Redis(options.url, { maxRetriesPerRequest: null });
    this.connection.on('error', onError);
    this.queue = new Queue(QUEUE, {
      connection: this.connection,
      prefix: options.prefix,
      defaultJobOptions: { removeOnComplete: true, removeOnFail: true },
    });
    this.queue.on('error', onError);
  }

  async enqueue(job: NodeJob, delayMs?: number): Promise<void> {
    await this.room();
    await this.queue.add('node', job, {
      jobId: nodeJobId(job),
      ...(delayMs !== undefined && delayMs > 0 ? { delay: Math.round(delayMs) } : {}),
    });
  }

  async consume(handler: (job: NodeJob) => Promise<void>, concurrency: number): Promise<void> {
    this.worker = new Worker<NodeJob>(QUEUE, (job: Job<NodeJob>) => handler(job.data), {
      connection: this.connection,
      prefix: this.options.prefix,
      concurrency: Math.max(1, concurrency),
      lockDuration: this.options.lockMs,
      stalledInterval: this.options.lockMs,
      // the runner decides when a node has failed; a stalled job is always delivered again
      maxStalledCount: 1_000_000,
    });
    this.worker.on('error', (error) => this.options.onError?.(error, 'bullmq worker'));
    this.worker.on('failed', (job, error) =>
      this.options.onError?.(error, `bullmq job ${job?.id ?? '?'} failed`),
    );
    await this.worker.waitUntilReady();
  }

  override async stopConsuming(): Promise<void> {
    await this.worker?.close();
  }

  async close(options: { abandon?: boolean } = {}): Promise<void> {
    await this.worker?.close(options.abandon === true).catch(() => undefined);
    await this.queue.close().catch(() => undefined);
    await this.connection.quit().catch(() => undefined);
  }

  /** Processes consuming this queue now, on any machine (BullMQ names its worker connections). */
  async consumerCount(): Promise<number> {
    return this.queue.getWorkersCount();
  }

  /** Backpressure: waits while more jobs wait than the limit allows. */
  private async room(): Promise<void> {
    for (;;) {
      if (Date.now() - this.checkedAt > CHECK_EVERY_MS || this.waitingEstimate >= this.options.limit) {
        this.waitingEstimate = await this.queue.getWaitingCount();
        this.checkedAt = Date.now();
      }
      if (this.waitingEstimate < this.options.limit) {
        this.waitingEstimate++;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, CHECK_EVERY_MS / 2));
    }
  }
}
