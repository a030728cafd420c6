import { type AuditLog } from '../../domain/audit/ports/audit-log.port';
import { beginRollback, endRollback, moveWorkload } from '../../domain/migration/migration.entity';
import { type MigrationRepository } from '../../domain/migration/ports/migration-repository.port';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { governanceActor } from '../governance/governance-actor';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { type Workflows } from '../workflows/workflows';
import { type RollbackMigrationInput } from './migration-input';
import { rollbackPipeline } from './migration-pipeline';
import { type MigrationView, toMigrationView } from './migration.view';

/**
 * Undoes a failed or cancelled wave. When targets were created, a small workflow of DOA
 * `migration.rollback_workload` tasks terminates them through the cloud use cases (so the
 * resource policy gate and the audit log see every termination) and the finished hook marks the
 * wave rolled back; with nothing created it is rolled back at once.
 */
export class RollbackMigrationUseCase {
  constructor(
    private readonly migrations: MigrationRepository,
    private readonly workflows: Workflows,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    actor: Actor,
    id: string,
    input: RollbackMigrationInput = {},
  ): Promise<Result<MigrationView>> {
    const member = authorizeTenant(actor, 'developer');
    if (!member.ok) return member;
    const tenantId = member.value.tenantId;
    const found = await this.migrations.findById(tenantId, id);
    if (!found) return err(DomainError.notFound('migration', id));
    const now = this.clock.now();
    const rolling = beginRollback(found, null, now);
    if (!rolling.ok) return rolling;
    const reason = input.reason ?? null;
    await this.audit.append(tenantId, {
      action: 'migration.rollback_started',
      actor: governanceActor(member.value),
      target: { type: 'migration', id },
      data: { wave: found.wave, stage: found.stage, failed_stage: found.failedStage, reason },
      at: now,
    });

    if (!found.workloads.some((w) => w.targetResourceId !== null && w.state !== 'rolled_back')) {
      for (const w of found.workloads) {
        const moved = moveWorkload(w, 'rolled_back', now);
        if (moved.ok && moved.value !== w) await this.migrations.saveWorkload(tenantId, id, moved.value);
      }
      const done = endRollback(rolling.value, null, now);
      await this.migrations.update(tenantId, id, {
        stage: done.stage,
        error: done.error,
        updatedAt: now,
        finishedAt: done.finishedAt,
      });
      return ok(
        toMigrationView({ ...done, workloads: done.workloads.map((w) => ({ ...w, state: 'rolled_back' })) }),
      );
    }

    // Marked first: the in-process runner may finish the rollback before `start` returns.
    await this.migrations.update(tenantId, id, { stage: 'rolling_back', updatedAt: now, finishedAt: null });
    const started = await this.workflows.start(member.value, rollbackPipeline(found, reason));
    if (!started.ok) {
      await this.migrations.update(tenantId, id, { stage: found.stage, finishedAt: found.finishedAt });
      return started;
    }
    await this.migrations.update(tenantId, id, { rollbackWorkflowId: started.value.id });
    return ok(toMigrationView({ ...rolling.value, rollbackWorkflowId: started.value.id }));
  }
}
