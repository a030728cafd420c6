import { type RunRepository } from '../../domain/runs/ports/run-repository.port';
import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { findVisibleRun } from './run-access';
import { type StepBatchResult } from './step-result';
import { type StepWriter } from './step-writer';

/**
 * Appends a batch of steps to an existing run. Every step is judged on its own: the good ones are
 * stored even when others are rejected, and ids the run already has are reported as duplicates,
 * never stored twice.
 */
export class AppendStepsUseCase {
  constructor(
    private readonly runs: RunRepository,
    private readonly writer: StepWriter,
    private readonly limits: { readonly maxSteps: number },
  ) {}

  async execute(actor: Actor, runId: string, raws: readonly unknown[]): Promise<Result<StepBatchResult>> {
    const ingester = authorizeTenant(actor, 'developer');
    if (!ingester.ok) return ingester;
    if (raws.length > this.limits.maxSteps) {
      return err(
        new DomainError(
          'unprocessable',
          `a batch holds at most ${this.limits.maxSteps} steps (got ${raws.length})`,
          'batch_too_large',
        ),
      );
    }
    const written = await this.writer.write(ingester.value.tenantId, runId, raws, () =>
      findVisibleRun(this.runs, ingester.value, runId),
    );
    if (!written.ok) return written;
    const { results, created, rejected } = written.value;
    return ok({ results, created, rejected });
  }
}
