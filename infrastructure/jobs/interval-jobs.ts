/** A job the process runs on a fixed interval. Failures are reported and retried at the next tick. */
export interface IntervalJob {
  readonly name: string;
  readonly everyMs: number;
  run(): Promise<unknown>;
}

/**
 * Runs background jobs on timers: in the worker process, or inside the API process for the
 * embedded default (PGlite belongs to one process). A job never overlaps itself.
 */
export class IntervalJobs {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<string>();

  constructor(
    private readonly jobs: readonly IntervalJob[],
    private readonly report: (
      job: string,
      outcome: { ok: boolean; result?: unknown; error?: unknown },
    ) => void,
  ) {}

  start(): void {
    for (const job of this.jobs) {
      const tick = () => void this.runOnce(job);
      setImmediate(tick);
      const timer = setInterval(tick, job.everyMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  async runOnce(job: IntervalJob): Promise<void> {
    if (this.running.has(job.name)) return;
    this.running.add(job.name);
    try {
      this.report(job.name, { ok: true, result: await job.run() });
    } catch (error) {
      this.report(job.name, { ok: false, error });
    } finally {
      this.running.delete(job.name);
    }
  }

  stop(): void {
    this.timers.splice(0).forEach(clearInterval);
  }
}
