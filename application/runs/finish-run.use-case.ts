import { type RunRepository } from '../../domain/runs/ports/run-repository.port';
import { type Run } from '../../domain/runs/run.entity';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type EventPublisher } from '../../domain/shared/ports/event-publisher.port';
import { type Result, ok } from '../../domain/shared/result';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { findVisibleRun, runTopics } from './run-access';
import { type FinishRunInput } from './run-input';

/** Sets the final status; the same finish twice answers the same, a different one is a conflict (409). */
export class FinishRunUseCase {
  constructor(
    private readonly runs: RunRepository,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, runId: string, input: FinishRunInput): Promise<Result<Run>> {
    const writer = authorizeTenant(actor, 'developer');
    if (!writer.ok) return writer;
    const current = await findVisibleRun(this.runs, writer.value, runId);
    if (!current.ok) return current;
    const now = this.clock.now();
    const finished = current.value.finish(
      input.status,
      input.ended_at ? new Date(input.ended_at) : undefined,
      now,
    );
    if (!finished.ok) return finished;
    if (!finished.value.changed) return ok(finished.value.run);
    if (!(await this.runs.saveFinish(finished.value.run))) {
      // a concurrent finish won: answer as if it had come first
      return this.execute(actor, runId, input);
    }
    const run = finished.value.run;
    await this.events.publish({
      tenantId: run.tenantId,
      type: 'run.finished',
      topics: runTopics(run),
      data: { run_id: run.id, status: run.status, ended_at: run.endedAt?.toISOString() ?? null },
      at: now.toISOString(),
    });
    return ok(run);
  }
}
