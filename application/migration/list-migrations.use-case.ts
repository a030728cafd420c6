import { type MigrationStage, statusOf, MIGRATION_STAGES } from '../../domain/migration/migration.entity';
import { type MigrationRepository } from '../../domain/migration/ports/migration-repository.port';
import { type Result, ok } from '../../domain/shared/result';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { pageOf, positionFrom } from '../shared/cursor';
import { type ListMigrationsInput } from './migration-input';
import { type MigrationView, toMigrationView } from './migration.view';

/** Migrations newest first, by wave or status; keyset-paginated. */
export class ListMigrationsUseCase {
  constructor(private readonly migrations: MigrationRepository) {}

  async execute(
    actor: Actor,
    input: ListMigrationsInput,
  ): Promise<Result<{ items: MigrationView[]; next_cursor: string | null }>> {
    const reader = authorizeTenant(actor, 'viewer');
    if (!reader.ok) return reader;
    const after = positionFrom(input.cursor);
    if (!after.ok) return after;
    const stages: MigrationStage[] | undefined = input.status
      ? MIGRATION_STAGES.filter((s) => statusOf(s) === input.status)
      : undefined;
    const rows = await this.migrations.list(reader.value.tenantId, {
      wave: input.wave,
      stages,
      after: after.value,
      limit: input.limit + 1,
    });
    const page = pageOf(rows, input.limit, (m) => ({ at: m.createdAt, id: m.id }));
    return ok({ items: page.items.map(toMigrationView), next_cursor: page.nextCursor });
  }
}
