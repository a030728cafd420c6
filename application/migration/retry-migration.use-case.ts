import { type AuditLog } from '../../domain/audit/ports/audit-log.port';
import { resume } from '../../domain/migration/migration.entity';
import { type MigrationRepository } from '../../domain/migration/ports/migration-repository.port';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { governanceActor } from '../governance/governance-actor';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { type Workflows } from '../workflows/workflows';
import { type MigrationView, toMigrationView } from './migration.view';

/**
 * Runs a failed or cancelled wave again from the stage it stopped in: failed workloads go back to
 * pending and the DAG runner re-runs the unfinished nodes (finished ones keep their outputs).
 */
export class RetryMigrationUseCase {
  constructor(
    private readonly migrations: MigrationRepository,
    private readonly workflows: Workflows,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, id: string): Promise<Result<MigrationView>> {
    const member = authorizeTenant(actor, 'developer');
    if (!member.ok) return member;
    const tenantId = member.value.tenantId;
    const found = await this.migrations.findById(tenantId, id);
    if (!found) return err(DomainError.notFound('migration', id));
    if (!found.workflowId)
      return err(DomainError.conflict('this migration never started a pipeline', 'not_retryable'));
    const now = this.clock.now();
    const resumed = resume(found, now);
    if (!resumed.ok) return resumed;
    const m = resumed.value;
    // Saved before the runner resumes, so the re-run nodes see pending workloads and the new round.
    await this.migrations.update(tenantId, id, {
      stage: m.stage,
      failedStage: null,
      error: null,
      retries: m.retries,
      updatedAt: now,
      finishedAt: null,
    });
    for (const w of m.workloads) {
      if (found.workloads.find((o) => o.workloadId === w.workloadId)?.state !== w.state) {
        await this.migrations.saveWorkload(tenantId, id, w);
      }
    }
    const retried = await this.workflows.retry(member.value, found.workflowId);
    if (!retried.ok) {
      await this.migrations.update(tenantId, id, {
        stage: found.stage,
        failedStage: found.failedStage,
        error: found.error,
        retries: found.retries,
        finishedAt: found.finishedAt,
      });
      return retried;
    }
    await this.audit.append(tenantId, {
      action: 'migration.retried',
      actor: governanceActor(member.value),
      target: { type: 'migration', id },
      data: { wave: m.wave, from_stage: m.stage, retries: m.retries },
      at: now,
    });
    return ok(toMigrationView(m));
  }
}
