import { statusOf } from '../../domain/migration/migration.entity';
import { type MigrationRepository } from '../../domain/migration/ports/migration-repository.port';
import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { type Workflows } from '../workflows/workflows';
import { type MigrationView, toMigrationView } from './migration.view';

/** Stops a running wave; the finished hook records it as cancelled, after which it can be rolled back. */
export class CancelMigrationUseCase {
  constructor(
    private readonly migrations: MigrationRepository,
    private readonly workflows: Workflows,
  ) {}

  async execute(actor: Actor, id: string): Promise<Result<MigrationView>> {
    const member = authorizeTenant(actor, 'developer');
    if (!member.ok) return member;
    const found = await this.migrations.findById(member.value.tenantId, id);
    if (!found) return err(DomainError.notFound('migration', id));
    if (statusOf(found.stage) !== 'running' || !found.workflowId) {
      return err(
        DomainError.conflict(`migration ${id} is ${statusOf(found.stage)}, not running`, 'not_running'),
      );
    }
    const cancelled = await this.workflows.cancel(member.value, found.workflowId);
    if (!cancelled.ok) return cancelled;
    return ok(toMigrationView(found));
  }
}
