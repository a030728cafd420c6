import { z } from 'zod';
import { type AuditLog } from '../../domain/audit/ports/audit-log.port';
import { parseInventory } from '../../domain/migration/inventory/inventory-parser';
import { type WorkloadRepository } from '../../domain/migration/ports/workload-repository.port';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { type UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { governanceActor } from '../governance/governance-actor';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { type ImportInventoryInput } from './migration-input';

export const InventoryErrorView = z.object({
  line: z.number().int(),
  name: z.string().optional(),
  field: z.string().optional(),
  reason: z.string(),
});

export const ImportView = z.object({
  batch_id: z.uuid(),
  total: z.number().int().describe('Data rows in the file'),
  imported: z.number().int().describe('New workloads'),
  updated: z.number().int().describe('Existing workloads (same name, any case) whose facts changed'),
  unchanged: z.number().int(),
  rejected: z.number().int().describe('Rows not imported'),
  errors: z.array(InventoryErrorView),
});
export type ImportView = z.infer<typeof ImportView>;

/** Shown errors are capped so a file of 10,000 broken rows does not produce a 10 MB answer. */
const MAX_ERRORS = 500;

/**
 * Imports an inventory file. Good rows are upserted by name within the tenant and bad rows are
 * reported by line; a file with no good row stores nothing and fails with every reason as field
 * errors, so a wrong file never half-lands.
 */
export class ImportInventoryUseCase {
  constructor(
    private readonly workloads: WorkloadRepository,
    private readonly audit: AuditLog,
    private readonly uow: UnitOfWork,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: ImportInventoryInput): Promise<Result<ImportView>> {
    const member = authorizeTenant(actor, 'developer');
    if (!member.ok) return member;
    const tenantId = member.value.tenantId;
    const parsed = parseInventory(input.content, input.format);
    const errors = parsed.errors.slice(0, MAX_ERRORS).map((e) => ({ ...e }));
    const rejectedLines = new Set(parsed.errors.map((e) => e.line)).size;
    if (parsed.rows.length === 0) {
      const why =
        parsed.total > 0
          ? `all ${parsed.total} rows are invalid`
          : (parsed.errors[0]?.reason ?? 'the file holds no workload rows');
      const fields = errors.map((e) => ({
        path: e.field ?? 'row',
        message: e.name ? `${e.name}: ${e.reason}` : e.reason,
        line: e.line,
      }));
      return err(DomainError.validation(`nothing imported: ${why}`, fields, 'no_valid_rows'));
    }
    const batch = { id: this.ids.next(), at: this.clock.now() };
    return this.uow.inTenant(tenantId, async () => {
      const counts = await this.workloads.upsert(
        tenantId,
        parsed.rows.map((r) => r.facts),
        batch,
        () => this.ids.next(),
      );
      const view: ImportView = {
        batch_id: batch.id,
        total: parsed.total,
        ...counts,
        rejected: rejectedLines,
        errors,
      };
      await this.audit.append(tenantId, {
        action: 'migration.inventory.imported',
        actor: governanceActor(member.value),
        target: { type: 'workload_import', id: batch.id },
        data: { format: input.format, ...counts, total: parsed.total, rejected: rejectedLines },
        at: batch.at,
      });
      return ok(view);
    });
  }
}
