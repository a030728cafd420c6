import { endRollback, stop } from '../../domain/migration/migration.entity';
import { type MigrationRepository } from '../../domain/migration/ports/migration-repository.port';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type Workflow } from '../../domain/workflows/workflow';
import { type NodeHandlers } from '../workflows/node-handler';
import { MIGRATION_WORKFLOW_KIND, ROLLBACK_WORKFLOW_KIND } from './migration-pipeline';

/**
 * Sets a migration's final status when its workflow ends. The `complete` node already moved a
 * successful wave to `complete`; this catches failure and cancellation (a failed node never
 * reports itself) and the end of a rollback. Finds the migration by the workflow's input, since
 * the runner may finish before the workflow id was stored.
 */
export function registerMigrationHooks(
  handlers: NodeHandlers,
  migrations: MigrationRepository,
  clock: Clock,
): NodeHandlers {
  return handlers
    .onFinished(MIGRATION_WORKFLOW_KIND, (workflow) => pipelineFinished(workflow, migrations, clock))
    .onFinished(ROLLBACK_WORKFLOW_KIND, (workflow) => rollbackFinished(workflow, migrations, clock));
}

const migrationIdOf = (workflow: Workflow): string | null =>
  typeof workflow.input.migration_id === 'string' ? workflow.input.migration_id : null;

export async function pipelineFinished(workflow: Workflow, migrations: MigrationRepository, clock: Clock) {
  const id = migrationIdOf(workflow);
  const found = id ? await migrations.findById(workflow.tenantId, id) : null;
  if (!found) return;
  const now = clock.now();
  if (workflow.status === 'succeeded') {
    if (found.stage !== 'complete') {
      await migrations.update(found.tenantId, found.id, {
        stage: 'complete',
        updatedAt: now,
        finishedAt: now,
      });
    }
    return;
  }
  const outcome = workflow.status === 'cancelled' ? 'cancelled' : 'failed';
  const stopped = stop(found, outcome, found.error ?? workflow.error, now);
  if (stopped === found) return;
  await migrations.update(found.tenantId, found.id, {
    stage: stopped.stage,
    failedStage: stopped.failedStage,
    error: stopped.error,
    updatedAt: now,
    finishedAt: now,
  });
}

export async function rollbackFinished(workflow: Workflow, migrations: MigrationRepository, clock: Clock) {
  const id = migrationIdOf(workflow);
  const found = id ? await migrations.findById(workflow.tenantId, id) : null;
  if (!found) return;
  const now = clock.now();
  const error = workflow.status === 'succeeded' ? null : (workflow.error ?? `rollback ${workflow.status}`);
  const ended = endRollback(found, error, now);
  if (ended === found) return;
  await migrations.update(found.tenantId, found.id, {
    stage: ended.stage,
    error: ended.error,
    updatedAt: now,
    finishedAt: ended.finishedAt,
  });
}
