import { z } from 'zod';
import {
  AssessView,
  type AssessWorkloadsUseCase,
} from '../../../application/migration/assess-workloads.use-case';
import {
  type GetMigrationUseCase,
  MigrationDetailView,
} from '../../../application/migration/get-migration.use-case';
import {
  type ImportInventoryUseCase,
  ImportView,
} from '../../../application/migration/import-inventory.use-case';
import { type ListWorkloadsUseCase } from '../../../application/migration/list-workloads.use-case';
import {
  AssessWorkloadsInput,
  ImportInventoryInput,
  ListWorkloadsInput,
  PlanWavesInput,
  StartMigrationInput,
} from '../../../application/migration/migration-input';
import { MigrationView, WavePlanView, WorkloadView } from '../../../application/migration/migration.view';
import { type PlanWavesUseCase } from '../../../application/migration/plan-waves.use-case';
import { type RetryMigrationUseCase } from '../../../application/migration/retry-migration.use-case';
import { type RollbackMigrationUseCase } from '../../../application/migration/rollback-migration.use-case';
import { type StartMigrationUseCase } from '../../../application/migration/start-migration.use-case';
import { ok } from '../../../domain/shared/result';
import { defineTool } from '../../shared/definitions';

const MigrationId = z.strictObject({ migration_id: z.uuid() });

export const importInventoryTool = (importInventory: ImportInventoryUseCase) =>
  defineTool({
    name: 'import_inventory',
    title: 'Import a workload inventory',
    description:
      'Upserts workloads by name from a CSV (header row) or JSON file given as text. Each bad row comes back with its line and reason; the good rows are imported anyway.',
    input: ImportInventoryInput,
    output: ImportView,
    hints: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    access: 'developer',
    run: (actor, input) => importInventory.execute(actor, input),
  });

export const listWorkloadsTool = (list: ListWorkloadsUseCase) =>
  defineTool({
    name: 'list_workloads',
    title: 'List workloads',
    description: 'The workload inventory with readiness, recommended strategy and TCO where assessed.',
    input: ListWorkloadsInput,
    output: z.object({ items: z.array(WorkloadView), next_cursor: z.string().nullable() }),
    hints: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    access: 'viewer',
    run: (actor, input) => list.execute(actor, input),
  });

export const assessWorkloadsTool = (assess: AssessWorkloadsUseCase) =>
  defineTool({
    name: 'assess_workloads',
    title: 'Assess workloads',
    description:
      'Scores cloud readiness 0–100 from six named dimensions with reasons, recommends one of the 7 Rs with target service and rationale, and estimates TCO; stored on each workload.',
    input: AssessWorkloadsInput,
    output: AssessView,
    hints: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    access: 'developer',
    run: (actor, input) => assess.execute(actor, input),
  });

export const recommendStrategiesTool = (list: ListWorkloadsUseCase) =>
  defineTool({
    name: 'recommend_strategies',
    title: 'Recommended strategies',
    description:
      'The 7R recommendation of each assessed workload (strategy, target service, confidence, rationale), from the latest assessment. Run assess_workloads first, with the business-goal weights you want.',
    input: ListWorkloadsInput,
    output: z.object({
      items: z.array(
        z.object({ workload_id: z.string(), name: z.string(), recommendation: z.unknown().nullable() }),
      ),
      next_cursor: z.string().nullable(),
    }),
    hints: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    access: 'viewer',
    run: async (actor, input) => {
      const page = await list.execute(actor, { ...input, assessed: true });
      if (!page.ok) return page;
      return ok({
        items: page.value.items.map((w) => ({
          workload_id: w.id,
          name: w.name,
          recommendation: w.assessment?.recommendation ?? null,
        })),
        next_cursor: page.value.next_cursor,
      });
    },
  });

export const planWavesTool = (plan: PlanWavesUseCase) =>
  defineTool({
    name: 'plan_waves',
    title: 'Plan migration waves',
    description:
      'Waves from the dependency graph: dependency cycles move together, dependencies move first, size and risk caps hold.',
    input: PlanWavesInput,
    output: WavePlanView,
    hints: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    access: 'viewer',
    run: (actor, input) => plan.execute(actor, input),
  });

export const startMigrationTool = (start: StartMigrationUseCase) =>
  defineTool({
    name: 'start_migration',
    title: 'Run the pipeline for a wave',
    description:
      'Starts Assess → Plan → Execute → Validate → Cutover → Complete for one wave, run by the agents on the DAG runner. Follow it with get_migration.',
    input: StartMigrationInput,
    output: MigrationView,
    hints: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    access: 'developer',
    run: (actor, input) => start.execute(actor, input),
  });

export const getMigrationTool = (get: GetMigrationUseCase) =>
  defineTool({
    name: 'get_migration',
    title: 'Get a migration',
    description: 'Stage, per-workload state and targets, TCO, and the pipeline’s progress.',
    input: MigrationId,
    output: MigrationDetailView,
    hints: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    access: 'viewer',
    run: (actor, input) => get.execute(actor, input.migration_id),
  });

export const runMigrationStageTool = (retry: RetryMigrationUseCase, rollback: RollbackMigrationUseCase) =>
  defineTool({
    name: 'run_migration_stage',
    title: 'Retry or roll back a migration',
    description:
      'retry: runs a failed migration again from the stage that failed (finished stages are kept). rollback: DOA terminates the wave’s targets and marks its workloads rolled back.',
    input: MigrationId.extend({
      action: z.enum(['retry', 'rollback']),
      reason: z.string().trim().max(1000).optional(),
    }),
    output: MigrationView,
    hints: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    access: 'developer',
    run: (actor, input) =>
      input.action === 'retry'
        ? retry.execute(actor, input.migration_id)
        : rollback.execute(actor, input.migration_id, { reason: input.reason }),
  });
