import { type StepRepository } from '../../domain/runs/ports/step-repository.port';
import { type Run } from '../../domain/runs/run.entity';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type EventPublisher } from '../../domain/shared/ports/event-publisher.port';
import { type UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { type TenantId } from '../../domain/shared/tenant-id';
import { runTopics } from './run-access';
import { type Step } from '../../domain/runs/step';
import { type DecisionTokenGate, tokenRejectedError } from '../governance/decision-token-gate';
import { type StepOutcome, type StepRecorder } from './step-recorder';
import { type StepBatchResult, type StepResult } from './step-result';
import { toStepView } from './step.view';

/**
 * Writes a batch of steps the same way for every door (REST batches, OTLP exports): each step is
 * prepared on its own, the run is resolved and the good steps stored in one transaction, ids the
 * run already has are reported as duplicates, and what was stored is announced to live viewers.
 */
export class StepWriter {
  constructor(
    private readonly steps: StepRepository,
    private readonly recorder: StepRecorder,
    private readonly uow: UnitOfWork,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    private readonly tokens: DecisionTokenGate,
  ) {}

  /** `resolveRun` runs inside the transaction, before the insert (find, or create, the run). */
  async write(
    tenantId: TenantId,
    runId: string,
    raws: readonly unknown[],
    resolveRun: () => Promise<Result<Run>>,
  ): Promise<Result<StepBatchResult & { run: Run }>> {
    let outcomes = await this.recorder.prepare(tenantId, runId, raws);
    let accepted: Step[] = [];
    const stored = await this.uow.inTenant(tenantId, async () => {
      const run = await resolveRun();
      if (!run.ok) return run;
      outcomes = await this.spendTokens(tenantId, runId, outcomes);
      accepted = outcomes.flatMap((o) => (o.kind === 'accepted' ? [o.step] : []));
      const appended = await this.steps.append(tenantId, runId, accepted);
      if (!appended) return err(DomainError.notFound('run', runId)); // deleted meanwhile
      const inserted = new Set(appended);
      const records = await this.recordTokenRejections(tenantId, runId, outcomes);
      if (records.length > 0) {
        const stepsOfRecords = await this.recorder.prepare(tenantId, runId, records);
        const policySteps = stepsOfRecords.flatMap((o) => (o.kind === 'accepted' ? [o.step] : []));
        const recorded = await this.steps.append(tenantId, runId, policySteps);
        if (!recorded) return err(DomainError.notFound('run', runId)); // deleted meanwhile
        for (const id of recorded) inserted.add(id);
        accepted = [...accepted, ...policySteps];
      }
      return ok({ run: run.value, inserted });
    });
    if (!stored.ok) return stored;
    const { run, inserted } = stored.value;

    const results = outcomes.map((o): StepResult => {
      if (o.kind === 'rejected') return { id: o.id, status: 'rejected', code: o.status, error: o.error };
      return inserted.has(o.id)
        ? { id: o.id, status: 'created', code: 201 }
        : { id: o.id, status: 'duplicate', code: 200 };
    });
    if (inserted.size > 0) {
      await this.events.publish({
        tenantId,
        type: 'run.steps_appended',
        topics: runTopics(run),
        data: stepsAppended(runId, () => accepted.filter((s) => inserted.has(s.id)).map(toStepView)),
        viewersOnly: true,
        at: this.clock.now().toISOString(),
      });
    }
    return ok({
      run,
      results,
      created: results.filter((r) => r.status === 'created').length,
      rejected: results.filter((r) => r.status === 'rejected').length,
    });
  }

  /** Spends each verified token in this transaction; a replayed token turns its step into a 403. */
  private async spendTokens(
    tenantId: TenantId,
    runId: string,
    outcomes: StepOutcome[],
  ): Promise<StepOutcome[]> {
    if (!outcomes.some((o) => o.kind === 'accepted' && o.token)) return outcomes;
    const now = this.clock.now();
    const settled: StepOutcome[] = [];
    for (const o of outcomes) {
      if (o.kind !== 'accepted' || !o.token) {
        settled.push(o);
        continue;
      }
      const refused = await this.tokens.spend(tenantId, runId, o.id, o.token, now);
      settled.push(
        refused
          ? {
              kind: 'rejected',
              id: o.id,
              status: 403,
              error: tokenRejectedError(refused),
              tokenRejection: { stepId: o.id, tool: o.step.tool, reason: refused, tokenId: o.token.id },
            }
          : o,
      );
    }
    return settled;
  }

  private async recordTokenRejections(tenantId: TenantId, runId: string, outcomes: readonly StepOutcome[]) {
    const now = this.clock.now();
    const records: Record<string, unknown>[] = [];
    for (const o of outcomes) {
      if (o.kind === 'rejected' && o.tokenRejection) {
        records.push(await this.tokens.recordRejection(tenantId, runId, o.tokenRejection, now));
      }
    }
    return records;
  }
}

/**
 * The event's data, with the step views built only when someone reads them: a live viewer of the
 * tenant, or a broker that serialises the event. Ingest without viewers skips the copies.
 */
function stepsAppended(runId: string, views: () => unknown[]): Record<string, unknown> {
  let built: unknown[] | undefined;
  const data: Record<string, unknown> = { run_id: runId };
  Object.defineProperty(data, 'steps', { enumerable: true, get: () => (built ??= views()) });
  return data;
}
