import { type TenantId } from '../../shared/tenant-id';
import { type DiffStep, type OutlinedStep } from '../diff/diff-input';
import { type Step } from '../step';

/** A step as read back: with the ingest sequence number that orders steps with equal start times. */
export interface StoredStep extends Step {
  readonly seq: number;
}

export interface StepPosition {
  readonly at: Date;
  readonly seq: number;
}

export abstract class StepRepository {
  /**
   * Appends steps to a run, skipping ids the run already has, and folds the new ones into the
   * run's totals (counts, tokens, cost, models, tools) in the same transaction. Returns the ids
   * that were actually inserted, so a retried batch is recognised as such; null, with nothing
   * written, when the run no longer exists (deleted since it was looked up). The run cannot be
   * deleted while the transaction lasts, so no step outlives its run.
   */
  abstract append(
    tenantId: TenantId,
    runId: string,
    steps: readonly Step[],
  ): Promise<ReadonlySet<string> | null>;
  /** In (started_at, seq) order, after `after`. */
  abstract page(
    tenantId: TenantId,
    runId: string,
    options: { after: StepPosition | null; limit: number },
  ): Promise<readonly StoredStep[]>;
  /** Every step of a run in (started_at, seq) order, at most `max` (callers check the count). */
  abstract all(tenantId: TenantId, runId: string, max: number): Promise<readonly StoredStep[]>;
  /**
   * Every step of a run in (started_at, seq) order, at most `max`, already in the shape the diff
   * reads (the step view's fields). A read model: diffs load two whole runs at a time, so the
   * adapter may build them without passing through `StoredStep`.
   */
  abstract diffSteps(tenantId: TenantId, runId: string, max: number): Promise<readonly DiffStep[]>;
  /** The steps of a run with these ids, in the diff's shape (in no particular order; unknown ids are skipped). */
  abstract diffStepsById(
    tenantId: TenantId,
    runId: string,
    ids: readonly string[],
  ): Promise<readonly DiffStep[]>;
  /**
   * Every step of a run in (started_at, seq) order, at most `max`, as an outline for aligning
   * (identity, start, signature) with its stored diff digest, and no payloads.
   */
  abstract diffOutline(tenantId: TenantId, runId: string, max: number): Promise<readonly OutlinedStep[]>;
}
