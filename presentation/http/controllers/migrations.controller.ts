import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AssessView, AssessWorkloadsUseCase } from '../../../application/migration/assess-workloads.use-case';
import { CancelMigrationUseCase } from '../../../application/migration/cancel-migration.use-case';
import {
  GetMigrationUseCase,
  MigrationDetailView,
} from '../../../application/migration/get-migration.use-case';
import { ImportInventoryUseCase, ImportView } from '../../../application/migration/import-inventory.use-case';
import { ListMigrationsUseCase } from '../../../application/migration/list-migrations.use-case';
import {
  GetWorkloadUseCase,
  ListWorkloadsUseCase,
} from '../../../application/migration/list-workloads.use-case';
import {
  AssessWorkloadsInput,
  ListMigrationsInput,
  ListWorkloadsInput,
  PlanWavesInput,
  RollbackMigrationInput,
  StartMigrationInput,
} from '../../../application/migration/migration-input';
import { MigrationView, WavePlanView, WorkloadView } from '../../../application/migration/migration.view';
import { PlanWavesUseCase } from '../../../application/migration/plan-waves.use-case';
import { RetryMigrationUseCase } from '../../../application/migration/retry-migration.use-case';
import { RollbackMigrationUseCase } from '../../../application/migration/rollback-migration.use-case';
import { StartMigrationUseCase } from '../../../application/migration/start-migration.use-case';
import { type Actor } from '../../../application/shared/actor';
import { DomainError } from '../../../domain/shared/domain-error';
import { err } from '../../../domain/shared/result';
import { Api } from '../api.decorator';
import { CurrentActor } from '../current-actor.decorator';
import { UUID_PATTERN } from '../params';
import { unwrap } from '../result';

const TAGS = ['migration'];
const WorkloadParams = z.strictObject({ workload_id: z.uuid() });
const MigrationParams = z.strictObject({ migration_id: z.uuid() });
type MigrationParams = z.infer<typeof MigrationParams>;
const InventoryQuery = z.strictObject({ format: z.enum(['csv', 'json']).optional() });
const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), next_cursor: z.string().nullable() });

const invalid = (message: string, fields: { path: string; message: string }[] = []): never =>
  unwrap<never>(err(DomainError.validation(message, fields)));

/**
 * The body of an inventory upload: the file itself (`text/csv`, or `application/json` holding the
 * workload array or `{workloads: [...]}`), or `{content, format}` wrapping either.
 */
function inventoryOf(
  request: FastifyRequest,
  format: 'csv' | 'json' | undefined,
): { content: string; format: 'csv' | 'json' } {
  const body = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
  const type = String(request.headers['content-type'] ?? '').toLowerCase();
  if (!body.trim())
    return unwrap({ ok: false, error: DomainError.validation('the inventory file is empty') });
  if (format === 'csv' || (!format && type.includes('csv'))) return { content: body, format: 'csv' as const };
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && 'content' in parsed) {
      const wrapped = z
        .strictObject({ content: z.string().min(1), format: z.enum(['csv', 'json']) })
        .safeParse(parsed);
      if (!wrapped.success) {
        return invalid('expected {content, format: "csv" | "json"}', [
          { path: 'format', message: 'csv or json' },
        ]);
      }
      return wrapped.data;
    }
  } catch {
    // not JSON at all: the inventory parser reports where it breaks
  }
  return { content: body, format: 'json' as const };
}

@Controller('v1')
export class MigrationsController {
  constructor(
    private readonly importInventory: ImportInventoryUseCase,
    private readonly listWorkloads: ListWorkloadsUseCase,
    private readonly getWorkload: GetWorkloadUseCase,
    private readonly assess: AssessWorkloadsUseCase,
    private readonly planWaves: PlanWavesUseCase,
    private readonly startMigration: StartMigrationUseCase,
    private readonly listMigrations: ListMigrationsUseCase,
    private readonly getMigration: GetMigrationUseCase,
    private readonly retryMigration: RetryMigrationUseCase,
    private readonly rollbackMigration: RollbackMigrationUseCase,
    private readonly cancelMigration: CancelMigrationUseCase,
  ) {}

  @Post('migrations/inventory')
  @HttpCode(200)
  @Api({
    access: 'developer',
    summary: 'Import a workload inventory',
    description:
      'CSV (`text/csv`, header row) or JSON (an array of workloads or `{workloads: [...]}`); `{content, format}` also works. Workloads are upserted by name. Each bad row is reported with its line and reason and the good rows are still imported; a file with no valid row stores nothing (422/400 with one field error per line).',
    tags: TAGS,
    query: InventoryQuery,
    consumes: ['text/csv', 'application/json'],
    response: ImportView,
  })
  async import(
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Query() query: z.infer<typeof InventoryQuery>,
  ): Promise<ImportView> {
    return unwrap(await this.importInventory.execute(actor, inventoryOf(request, query.format)));
  }

  @Get('workloads')
  @Api({
    access: 'viewer',
    summary: 'The workload inventory',
    description: 'With the latest readiness score, recommended strategy and TCO of each assessed workload.',
    tags: TAGS,
    query: ListWorkloadsInput,
    response: page(WorkloadView),
  })
  async workloads(@CurrentActor() actor: Actor, @Query() query: ListWorkloadsInput) {
    return unwrap(await this.listWorkloads.execute(actor, query));
  }

  @Get('workloads/:workload_id')
  @Api({
    access: 'viewer',
    summary: 'One workload',
    tags: TAGS,
    params: WorkloadParams,
    response: WorkloadView,
  })
  async workload(@CurrentActor() actor: Actor, @Param() params: z.infer<typeof WorkloadParams>) {
    return unwrap(await this.getWorkload.execute(actor, params.workload_id));
  }

  @Post('migrations/assess')
  @HttpCode(200)
  @Api({
    access: 'developer',
    summary: 'Assess workloads',
    description:
      'Cloud readiness (0–100 from technical fit, dependency complexity, data sensitivity, licensing, operational maturity and utilization, with reasons), a 7R strategy recommendation weighted by the four business goals (speed, managed services, cloud-native, license cost) with target service and rationale, and a TCO estimate. Stored on each workload.',
    tags: TAGS,
    body: AssessWorkloadsInput,
    response: AssessView,
  })
  async assessWorkloads(@CurrentActor() actor: Actor, @Body() body: AssessWorkloadsInput) {
    return unwrap(await this.assess.execute(actor, body));
  }

  @Get('migrations/waves')
  @Api({
    access: 'viewer',
    summary: 'Migration waves',
    description:
      'Planned from the dependency graph: workloads in a dependency cycle move together, a dependency always moves in an earlier wave, and each wave stays within the size and risk caps. Retire and retain are left out.',
    tags: TAGS,
    query: PlanWavesInput,
    response: WavePlanView,
  })
  async waves(@CurrentActor() actor: Actor, @Query() query: PlanWavesInput) {
    return unwrap(await this.planWaves.execute(actor, query));
  }

  @Post('migrations')
  @Api({
    access: 'developer',
    summary: 'Start the pipeline for a wave',
    description:
      'Assess → Plan → Execute → Validate → Cutover → Complete on the DAG runner, each stage a task of an agent (RSA, MVA and FIA, DOA through L1 workers, PMA, GA and DOA, MVA); the workloads of the wave execute in parallel within `concurrency`. Cutover asks for approval when the project policy requires it.',
    tags: TAGS,
    body: StartMigrationInput,
    response: MigrationView,
    status: 201,
  })
  async start(@CurrentActor() actor: Actor, @Body() body: StartMigrationInput) {
    return unwrap(await this.startMigration.execute(actor, body));
  }

  @Get('migrations')
  @Api({
    access: 'viewer',
    summary: 'Migrations',
    tags: TAGS,
    query: ListMigrationsInput,
    response: page(MigrationView),
  })
  async list(@CurrentActor() actor: Actor, @Query() query: ListMigrationsInput) {
    return unwrap(await this.listMigrations.execute(actor, query));
  }

  @Get(`migrations/:migration_id${UUID_PATTERN}`)
  @Api({
    access: 'viewer',
    summary: 'One migration',
    description:
      'Its stage, each workload’s state and target, the TCO of the wave, and the pipeline’s progress.',
    tags: TAGS,
    params: MigrationParams,
    response: MigrationDetailView,
  })
  async get(@CurrentActor() actor: Actor, @Param() params: MigrationParams): Promise<MigrationDetailView> {
    return unwrap(await this.getMigration.execute(actor, params.migration_id));
  }

  @Post(`migrations/:migration_id${UUID_PATTERN}::retry`)
  @HttpCode(200)
  @Api({
    access: 'developer',
    summary: 'Retry a failed migration',
    description: 'Runs the pipeline again from its unfinished stages; failed workloads go back to pending.',
    tags: TAGS,
    params: MigrationParams,
    response: MigrationView,
  })
  async retry(@CurrentActor() actor: Actor, @Param() params: MigrationParams) {
    return unwrap(await this.retryMigration.execute(actor, params.migration_id));
  }

  @Post(`migrations/:migration_id${UUID_PATTERN}::rollback`)
  @HttpCode(200)
  @Api({
    access: 'developer',
    summary: 'Roll a migration back',
    description:
      'DOA terminates the targets created for the wave (through the policy gate) and marks the workloads rolled back.',
    tags: TAGS,
    params: MigrationParams,
    body: RollbackMigrationInput,
    response: MigrationView,
  })
  async rollback(
    @CurrentActor() actor: Actor,
    @Param() params: MigrationParams,
    @Body() body: RollbackMigrationInput,
  ) {
    return unwrap(await this.rollbackMigration.execute(actor, params.migration_id, body));
  }

  @Post(`migrations/:migration_id${UUID_PATTERN}::cancel`)
  @HttpCode(200)
  @Api({
    access: 'developer',
    summary: 'Cancel a running migration',
    tags: TAGS,
    params: MigrationParams,
    response: MigrationView,
  })
  async cancel(@CurrentActor() actor: Actor, @Param() params: MigrationParams) {
    return unwrap(await this.cancelMigration.execute(actor, params.migration_id));
  }
}
