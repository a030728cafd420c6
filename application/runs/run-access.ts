import { type RunRepository } from '../../domain/runs/ports/run-repository.port';
import { type Run } from '../../domain/runs/run.entity';
import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { type TenantActor } from '../shared/actor';
import { canSeeProject } from '../shared/authorize';

/** A run of the actor's tenant that the actor may see (API keys see their own project only); else 404. */
export async function findVisibleRun(
  runs: RunRepository,
  actor: TenantActor,
  runId: string,
): Promise<Result<Run>> {
  const run = await runs.findById(actor.tenantId, runId);
  if (!run || !canSeeProject(actor, run.projectId)) return err(DomainError.notFound('run', runId));
  return ok(run);
}

/** Live-event topics of a run. */
export const runTopics = (run: Run): string[] => [`project:${run.projectId}`, `run:${run.id}`];
