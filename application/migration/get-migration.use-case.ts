import { z } from 'zod';
import { type MigrationRepository } from '../../domain/migration/ports/migration-repository.port';
import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { type Workflows } from '../workflows/workflows';
import { MigrationView, toMigrationView } from './migration.view';

export const MigrationDetailView = MigrationView.extend({
  workflow: z
    .object({ status: z.string(), progress: z.record(z.string(), z.number()) })
    .nullable()
    .describe("The pipeline's workflow as the DAG runner reports it, when reachable"),
});
export type MigrationDetailView = z.infer<typeof MigrationDetailView>;

/** One migration: stage, per-workload state and targets, TCO, and the pipeline's progress. */
export class GetMigrationUseCase {
  constructor(
    private readonly migrations: MigrationRepository,
    private readonly workflows: Workflows,
  ) {}

  async execute(actor: Actor, id: string): Promise<Result<MigrationDetailView>> {
    const reader = authorizeTenant(actor, 'viewer');
    if (!reader.ok) return reader;
    const found = await this.migrations.findById(reader.value.tenantId, id);
    if (!found) return err(DomainError.notFound('migration', id));
    const workflowId = found.rollbackWorkflowId ?? found.workflowId;
    const workflow = workflowId ? await this.workflows.get(reader.value, workflowId) : null;
    return ok({
      ...toMigrationView(found),
      workflow: workflow?.ok
        ? { status: workflow.value.status, progress: { ...workflow.value.progress } }
        : null,
    });
  }
}
