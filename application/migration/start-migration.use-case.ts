import { type AuditLog } from '../../domain/audit/ports/audit-log.port';
import { type ProviderRepository } from '../../domain/cloud/ports/provider-repository.port';
import { type CloudProvider } from '../../domain/cloud/provider.entity';
import { type Migration } from '../../domain/migration/migration.entity';
import { type MigrationRepository } from '../../domain/migration/ports/migration-repository.port';
import { DEFAULT_WAVE_CAPS } from '../../domain/migration/wave-planner';
import { nameKey } from '../../domain/migration/workload.entity';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { type TenantId } from '../../domain/shared/tenant-id';
import { type ProjectRepository } from '../../domain/tenancy/ports/project-repository.port';
import { governanceActor, resolveProject } from '../governance/governance-actor';
import { type CreateRunUseCase } from '../runs/create-run.use-case';
import { type Actor, type TenantActor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { type Workflows } from '../workflows/workflows';
import { type StartMigrationInput, toGoals } from './migration-input';
import { migrationPipeline } from './migration-pipeline';
import { type MigrationView, toMigrationView } from './migration.view';
import { type ComputedPlan, type PlanWavesUseCase } from './plan-waves.use-case';

/**
 * Starts the 6-stage pipeline for one wave of the current plan, on the DAG runner. Refuses a wave
 * whose workloads another migration still holds, and one whose dependencies in earlier waves
 * have not been cut over yet.
 */
export class StartMigrationUseCase {
  constructor(
    private readonly planner: PlanWavesUseCase,
    private readonly migrations: MigrationRepository,
    private readonly providers: ProviderRepository,
    private readonly projects: ProjectRepository,
    private readonly createRun: Pick<CreateRunUseCase, 'execute'>,
    private readonly workflows: Workflows,
    private readonly audit: AuditLog,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: StartMigrationInput): Promise<Result<MigrationView>> {
    const member = authorizeTenant(actor, 'developer');
    if (!member.ok) return member;
    const tenantId = member.value.tenantId;
    const caps = {
      maxWaveSize: input.max_wave_size ?? DEFAULT_WAVE_CAPS.maxWaveSize,
      maxWaveRisk: input.max_wave_risk ?? DEFAULT_WAVE_CAPS.maxWaveRisk,
    };
    const computed = await this.planner.compute(tenantId, caps);
    const wave = computed.plan.waves[input.wave - 1];
    if (!wave) {
      const count = computed.plan.waves.length;
      return err(
        new DomainError(
          'not_found',
          `wave ${input.wave} does not exist: the plan has ${count} wave(s)`,
          'no_such_wave',
        ),
      );
    }
    const blocked = await this.blockers(tenantId, computed, input.wave);
    if (!blocked.ok) return blocked;

    const provider = await this.provider(tenantId, input.provider_id);
    if (!provider.ok) return provider;
    const region = input.region ?? provider.value.regions[0];
    if (!region || (provider.value.regions.length > 0 && !provider.value.regions.includes(region))) {
      return err(
        DomainError.validation('the provider does not use this region', [
          { path: 'region', message: `one of ${provider.value.regions.join(', ') || '(none)'}` },
        ]),
      );
    }
    const project = await resolveProject(this.projects, member.value, input.project_id);
    if (!project.ok) return project;

    const id = this.ids.next();
    const name = `wave ${input.wave}`;
    const runId = input.run_id ?? (await this.newRun(member.value, project.value, id, name));
    if (typeof runId !== 'string') return runId;
    const now = this.clock.now();
    const migration: Migration = {
      tenantId,
      id,
      wave: input.wave,
      name,
      stage: 'assess',
      failedStage: null,
      providerId: provider.value.id,
      region,
      projectId: project.value,
      runId,
      workflowId: null,
      rollbackWorkflowId: null,
      goals: toGoals(input.goals),
      caps,
      tco: null,
      retries: 0,
      error: null,
      startedBy: { ...governanceActor(member.value) },
      workloads: wave.workloads.map((planned) => {
        const w = computed.workloads.get(planned.id);
        return {
          workloadId: planned.id,
          name: planned.name,
          strategy: planned.strategy,
          targetService: w?.assessment.recommendation.targetService ?? planned.strategy,
          targetSize: w?.assessment.tco.targetSize ?? null,
          state: 'pending' as const,
          targetResourceId: null,
          targetExternalId: null,
          error: null,
          updatedAt: now,
        };
      }),
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
    };
    // Stored first: in-process execution may reach the first node before `start` returns.
    await this.migrations.create(migration);
    const started = await this.workflows.start(member.value, migrationPipeline(migration, input.concurrency));
    if (!started.ok) {
      await this.migrations.update(tenantId, id, {
        stage: 'cancelled',
        failedStage: 'assess',
        error: `the pipeline did not start: ${started.error.message}`,
        finishedAt: now,
      });
      return started;
    }
    await this.migrations.update(tenantId, id, { workflowId: started.value.id });
    await this.audit.append(tenantId, {
      action: 'migration.started',
      actor: governanceActor(member.value),
      target: { type: 'migration', id },
      data: {
        wave: input.wave,
        workloads: migration.workloads.map((w) => w.name),
        provider_id: provider.value.id,
        region,
        workflow_id: started.value.id,
        run_id: runId,
      },
      at: now,
    });
    return ok(toMigrationView({ ...migration, workflowId: started.value.id }));
  }

  private async blockers(tenantId: TenantId, computed: ComputedPlan, number: number): Promise<Result<void>> {
    const wave = computed.plan.waves[number - 1];
    if (!wave) return ok(undefined);
    const claims = await this.migrations.claims(tenantId);
    const claimOf = new Map(claims.map((c) => [c.workloadId, c]));
    const held = wave.workloads.filter((w) => claimOf.has(w.id));
    if (held.length > 0) {
      const first = claimOf.get(held[0]?.id as string);
      return err(
        DomainError.conflict(
          `${held.map((w) => w.name).join(', ')} ${held.length === 1 ? 'is' : 'are'} already in migration ${first?.migrationId} (wave ${first?.wave}, ${first?.stage}): retry or roll it back first`,
          'workloads_in_migration',
        ),
      );
    }
    const waveOf = new Map<string, { id: string; wave: number; name: string }>();
    for (const w of computed.plan.waves) {
      for (const m of w.workloads) waveOf.set(nameKey(m.name), { id: m.id, wave: w.number, name: m.name });
    }
    const pending = new Set<string>();
    for (const planned of wave.workloads) {
      for (const dependency of computed.workloads.get(planned.id)?.dependencies ?? []) {
        const dep = waveOf.get(nameKey(dependency));
        if (dep && dep.wave < number && claimOf.get(dep.id)?.state !== 'cut_over')
          pending.add(`${dep.name} (wave ${dep.wave})`);
      }
    }
    if (pending.size > 0) {
      return err(
        DomainError.conflict(
          `wave ${number} depends on workloads not cut over yet: ${[...pending].join(', ')}`,
          'dependencies_not_migrated',
        ),
      );
    }
    return ok(undefined);
  }

  private async provider(tenantId: TenantId, providerId: string | undefined): Promise<Result<CloudProvider>> {
    if (providerId) {
      const found = await this.providers.findById(tenantId, providerId);
      return found ? ok(found) : err(DomainError.notFound('provider', providerId));
    }
    const simulated = (await this.providers.list(tenantId))
      .filter((p) => p.kind === 'simulated')
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0];
    return simulated
      ? ok(simulated)
      : err(
          DomainError.validation(
            'no provider_id given and the tenant has no simulated provider: connect one (kind "simulated") or name a provider',
            [{ path: 'provider_id', message: 'required' }],
            'no_simulated_provider',
          ),
        );
  }

  private async newRun(actor: TenantActor, projectId: string, migrationId: string, name: string) {
    const run = await this.createRun.execute(actor, {
      project_id: actor.kind === 'api_key' ? undefined : projectId,
      name: `migration ${name}`,
      tags: ['migration'],
      metadata: { migration_id: migrationId },
    });
    return run.ok ? run.value.run.id : run;
  }
}
