import { type WorkloadRepository } from '../../domain/migration/ports/workload-repository.port';
import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { pageOf, positionFrom } from '../shared/cursor';
import { type ListWorkloadsInput } from './migration-input';
import { type WorkloadView, toWorkloadView } from './migration.view';

/** The inventory, newest first, filtered; keyset-paginated. */
export class ListWorkloadsUseCase {
  constructor(private readonly workloads: WorkloadRepository) {}

  async execute(
    actor: Actor,
    input: ListWorkloadsInput,
  ): Promise<Result<{ items: WorkloadView[]; next_cursor: string | null }>> {
    const reader = authorizeTenant(actor, 'viewer');
    if (!reader.ok) return reader;
    const after = positionFrom(input.cursor);
    if (!after.ok) return after;
    const rows = await this.workloads.list(reader.value.tenantId, {
      environment: input.environment,
      criticality: input.criticality,
      dataSensitivity: input.data_sensitivity,
      strategy: input.strategy,
      name: input.name,
      importBatch: input.import_batch,
      assessed: input.assessed,
      after: after.value,
      limit: input.limit + 1,
    });
    const page = pageOf(rows, input.limit, (w) => ({ at: w.createdAt, id: w.id }));
    return ok({ items: page.items.map(toWorkloadView), next_cursor: page.nextCursor });
  }
}

/** One workload with its latest assessment. */
export class GetWorkloadUseCase {
  constructor(private readonly workloads: WorkloadRepository) {}

  async execute(actor: Actor, id: string): Promise<Result<WorkloadView>> {
    const reader = authorizeTenant(actor, 'viewer');
    if (!reader.ok) return reader;
    const found = await this.workloads.findById(reader.value.tenantId, id);
    return found ? ok(toWorkloadView(found)) : err(DomainError.notFound('workload', id));
  }
}
