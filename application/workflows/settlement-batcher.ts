import { type TenantId } from '../../domain/shared/tenant-id';
import {
  type NodeOutcomeRecord,
  type Settlement,
  type WorkflowRepository,
} from '../../domain/workflows/ports/workflow-repository.port';

/** Outcomes one round trip records at most. */
const MAX_BATCH = 64;

interface Waiting {
  readonly outcome: NodeOutcomeRecord;
  readonly resolve: (settlement: Settlement) => void;
  readonly reject: (error: unknown) => void;
}

interface Batch {
  readonly tenantId: TenantId;
  readonly waiting: Waiting[];
}

/**
 * Group commit for settlements: this process has at most one settlement of a workflow in flight;
 * the outcomes of that workflow arriving meanwhile are recorded together by the next one. Every
 * settlement takes the workflow's row lock, so concurrent ones would only queue up in the database
 * (each with its own round trip and commit); batched, a busy workflow pays one of each per batch.
 * An outcome that arrives while nothing is in flight goes at once: batching never adds latency.
 */
export class SettlementBatcher {
  private readonly batches = new Map<string, Batch>();

  constructor(
    private readonly repository: WorkflowRepository,
    private readonly workerId: string,
  ) {}

  settle(tenantId: TenantId, workflowId: string, outcome: NodeOutcomeRecord): Promise<Settlement> {
    return new Promise<Settlement>((resolve, reject) => {
      const id = `${tenantId}/${workflowId}`;
      const batch = this.batches.get(id);
      if (batch) {
        batch.waiting.push({ outcome, resolve, reject });
        return;
      }
      const started: Batch = { tenantId, waiting: [{ outcome, resolve, reject }] };
      this.batches.set(id, started);
      void this.drain(id, workflowId, started);
    });
  }

  /** Sends the waiting outcomes, and again those that arrived meanwhile, until none is left. */
  private async drain(id: string, workflowId: string, batch: Batch): Promise<void> {
    while (batch.waiting.length > 0) {
      const sent = batch.waiting.splice(0, MAX_BATCH);
      try {
        const settlements = await this.repository.settle(
          batch.tenantId,
          workflowId,
          this.workerId,
          sent.map((w) => w.outcome),
        );
        sent.forEach((w, i) => w.resolve(settlements[i] as Settlement));
      } catch (error) {
        for (const w of sent) w.reject(error);
      }
    }
    this.batches.delete(id);
  }
}
