/** One unit of work on the queue: run this node of this workflow. */
export interface NodeJob {
  readonly tenantId: string;
  readonly workflowId: string;
  readonly nodeKey: string;
  /**
   * The node's hand-over count when it was queued: enqueues of the same hand-over collapse into
   * one job where the adapter can tell (a re-delivery of the same job stays possible).
   */
  readonly dispatch?: number;
  /**
   * Not a run but a reminder: the node's retry or wait delay has passed, so its workflow should be
   * dispatched again. A job with the same node and dispatch may be running when it is enqueued.
   */
  readonly wake?: boolean;
}

/** A stable id for a job: what duplicate enqueues share. Safe for BullMQ (no `:`). */
export const nodeJobId = (job: NodeJob): string =>
  [job.tenantId, job.workflowId, job.dispatch ?? 0, job.wake ? 'wake' : 'run', job.nodeKey]
    .join('.')
    .replace(/:/g, '~');

/**
 * Where ready nodes wait for a process to run them. Two adapters: in-process (the default) and
 * BullMQ on Redis (workers on any number of machines). Delivery is at least once; the runner makes
 * a second delivery of a finished node a no-op.
 */
export abstract class WorkQueue {
  /** `in-process` or `bullmq`. */
  abstract readonly kind: string;
  /**
   * Adds a job, after `delayMs` when given. Resolves once the queue has room: a full queue slows
   * the producer down instead of growing without bound.
   */
  abstract enqueue(job: NodeJob, delayMs?: number): Promise<void>;
  /** Starts taking jobs in this process, at most `concurrency` at once. */
  abstract consume(handler: (job: NodeJob) => Promise<void>, concurrency: number): Promise<void>;
  /**
   * Stops taking jobs and waits for the running ones, while `enqueue` keeps working: follow-up
   * work of the last jobs still gets out. `close` does this too; adapters that consume override it.
   */
  async stopConsuming(): Promise<void> {}
  /**
   * Stops taking jobs; waits for the running ones. `abandon`: a process that must stop now leaves
   * its running jobs behind, to be delivered again elsewhere once their lock or lease runs out.
   */
  abstract close(options?: { readonly abandon?: boolean }): Promise<void>;
}
