import { z } from 'zod';
import {
  MIGRATION_STAGES,
  type Migration,
  PIPELINE_STAGES,
  WORKLOAD_STATES,
  statusOf,
} from '../../domain/migration/migration.entity';
import { READINESS_DIMENSIONS } from '../../domain/migration/readiness';
import { STRATEGIES } from '../../domain/migration/strategy';
import { type CostBreakdown, type TcoTotals, type WorkloadTco } from '../../domain/migration/tco';
import { type WavePlan } from '../../domain/migration/wave-planner';
import {
  type Assessment,
  type BusinessGoals,
  CRITICALITIES,
  ENVIRONMENTS,
  SENSITIVITIES,
  type Workload,
} from '../../domain/migration/workload.entity';
import { MIGRATION_STATUSES } from './migration-input';

const Breakdown = z.object({
  compute: z.number(),
  storage: z.number(),
  license: z.number(),
  operations: z.number(),
});
const breakdown = (b: CostBreakdown) => ({ ...b });

export const TcoView = z.object({
  strategy: z.enum(STRATEGIES),
  region: z.string(),
  current_monthly_usd: z.number(),
  cloud_monthly_usd: z.number(),
  monthly_savings_usd: z.number(),
  one_time_migration_usd: z.number(),
  payback_months: z.number().nullable(),
  target_size: z.string().nullable(),
  sizing: z.object({ cpus: z.number(), memory_gb: z.number(), basis: z.string() }),
  current: Breakdown,
  cloud: Breakdown,
  assumptions: z.array(z.string()),
});
export type TcoView = z.infer<typeof TcoView>;

export const toTcoView = (t: WorkloadTco): TcoView => ({
  strategy: t.strategy,
  region: t.region,
  current_monthly_usd: t.currentMonthlyUsd,
  cloud_monthly_usd: t.cloudMonthlyUsd,
  monthly_savings_usd: t.monthlySavingsUsd,
  one_time_migration_usd: t.oneTimeMigrationUsd,
  payback_months: t.paybackMonths,
  target_size: t.targetSize,
  sizing: { cpus: t.sizing.cpus, memory_gb: t.sizing.memoryGb, basis: t.sizing.basis },
  current: breakdown(t.current),
  cloud: breakdown(t.cloud),
  assumptions: [...t.assumptions],
});

export const TcoTotalsView = z.object({
  workloads: z.number().int(),
  current_monthly_usd: z.number(),
  cloud_monthly_usd: z.number(),
  monthly_savings_usd: z.number(),
  one_time_migration_usd: z.number(),
  payback_months: z.number().nullable(),
  three_year_savings_usd: z.number(),
});
export type TcoTotalsView = z.infer<typeof TcoTotalsView>;

export const toTcoTotalsView = (t: TcoTotals): TcoTotalsView => ({
  workloads: t.workloads,
  current_monthly_usd: t.currentMonthlyUsd,
  cloud_monthly_usd: t.cloudMonthlyUsd,
  monthly_savings_usd: t.monthlySavingsUsd,
  one_time_migration_usd: t.oneTimeMigrationUsd,
  payback_months: t.paybackMonths,
  three_year_savings_usd: t.threeYearSavingsUsd,
});

const GoalsView = z.object({
  speed_of_migration: z.number(),
  managed_services: z.number(),
  cloud_native: z.number(),
  license_cost_reduction: z.number(),
});
export const toGoalsView = (g: BusinessGoals): z.infer<typeof GoalsView> => ({
  speed_of_migration: g.speedOfMigration,
  managed_services: g.managedServices,
  cloud_native: g.cloudNative,
  license_cost_reduction: g.licenseCostReduction,
});

export const AssessmentView = z.object({
  readiness: z.object({
    total: z.number().int().min(0).max(100),
    band: z.enum(['ready', 'needs_work', 'not_ready']),
    dimensions: z.array(
      z.object({
        dimension: z.enum(READINESS_DIMENSIONS),
        score: z.number(),
        weight: z.number(),
        reasons: z.array(z.string()),
      }),
    ),
  }),
  recommendation: z.object({
    strategy: z.enum(STRATEGIES),
    target_service: z.string(),
    confidence: z.number(),
    rationale: z.array(z.string()),
    scores: z.array(z.object({ strategy: z.enum(STRATEGIES), score: z.number() })),
  }),
  tco: TcoView,
  goals: GoalsView,
  region: z.string(),
  assessed_at: z.iso.datetime(),
});
export type AssessmentView = z.infer<typeof AssessmentView>;

export const toAssessmentView = (a: Assessment): AssessmentView => ({
  readiness: {
    total: a.readiness.total,
    band: a.readiness.band,
    dimensions: a.readiness.dimensions.map((d) => ({ ...d, reasons: [...d.reasons] })),
  },
  recommendation: {
    strategy: a.recommendation.strategy,
    target_service: a.recommendation.targetService,
    confidence: a.recommendation.confidence,
    rationale: [...a.recommendation.rationale],
    scores: a.recommendation.scores.map((s) => ({ ...s })),
  },
  tco: toTcoView(a.tco),
  goals: toGoalsView(a.goals),
  region: a.region,
  assessed_at: a.assessedAt.toISOString(),
});

export const WorkloadView = z.object({
  id: z.uuid(),
  name: z.string(),
  environment: z.enum(ENVIRONMENTS),
  os: z.string(),
  cpu: z.number(),
  memory_gb: z.number(),
  storage_gb: z.number(),
  utilization: z.object({
    cpu_p50: z.number().nullable(),
    cpu_p95: z.number().nullable(),
    mem_p95: z.number().nullable(),
  }),
  tech_stack: z.array(z.string()),
  dependencies: z.array(z.string()),
  license: z.string().nullable(),
  criticality: z.enum(CRITICALITIES),
  data_sensitivity: z.enum(SENSITIVITIES),
  import_batch: z.uuid(),
  assessment: AssessmentView.nullable(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});
export type WorkloadView = z.infer<typeof WorkloadView>;

export const toWorkloadView = (w: Workload): WorkloadView => ({
  id: w.id,
  name: w.name,
  environment: w.environment,
  os: w.os,
  cpu: w.cpu,
  memory_gb: w.memoryGb,
  storage_gb: w.storageGb,
  utilization: {
    cpu_p50: w.utilization.cpuP50,
    cpu_p95: w.utilization.cpuP95,
    mem_p95: w.utilization.memP95,
  },
  tech_stack: [...w.techStack],
  dependencies: [...w.dependencies],
  license: w.license,
  criticality: w.criticality,
  data_sensitivity: w.dataSensitivity,
  import_batch: w.importBatch,
  assessment: w.assessment ? toAssessmentView(w.assessment) : null,
  created_at: w.createdAt.toISOString(),
  updated_at: w.updatedAt.toISOString(),
});

export const WavePlanView = z.object({
  caps: z.object({ max_wave_size: z.number().int(), max_wave_risk: z.number().int() }),
  waves: z.array(
    z.object({
      number: z.number().int(),
      size: z.number().int(),
      risk: z.number().int(),
      oversized: z.boolean(),
      tco: TcoTotalsView,
      workloads: z.array(
        z.object({
          id: z.uuid(),
          name: z.string(),
          strategy: z.enum(STRATEGIES),
          readiness: z.number().int(),
          risk: z.number().int(),
          group: z.number().int().describe('Move group: workloads in one dependency cycle share it'),
        }),
      ),
    }),
  ),
  excluded: z.array(
    z.object({ id: z.uuid(), name: z.string(), strategy: z.enum(STRATEGIES), reason: z.string() }),
  ),
  cycles: z.array(z.array(z.string())),
  notes: z.array(z.string()),
  unassessed: z
    .number()
    .int()
    .describe('Workloads planned with a default assessment (never assessed, or stale)'),
});
export type WavePlanView = z.infer<typeof WavePlanView>;

export const toWavePlanView = (
  plan: WavePlan,
  caps: { maxWaveSize: number; maxWaveRisk: number },
  tcoOf: (ids: readonly string[]) => TcoTotals,
  unassessed: number,
): WavePlanView => ({
  caps: { max_wave_size: caps.maxWaveSize, max_wave_risk: caps.maxWaveRisk },
  waves: plan.waves.map((w) => ({
    number: w.number,
    size: w.workloads.length,
    risk: w.risk,
    oversized: w.oversized,
    tco: toTcoTotalsView(tcoOf(w.workloads.map((m) => m.id))),
    workloads: w.workloads.map((m) => ({ ...m })),
  })),
  excluded: plan.excluded.map((e) => ({ ...e })),
  cycles: plan.cycles.map((c) => [...c]),
  notes: [...plan.notes],
  unassessed,
});

export const MigrationView = z.object({
  id: z.uuid(),
  wave: z.number().int(),
  name: z.string(),
  status: z.enum(MIGRATION_STATUSES),
  stage: z.enum(MIGRATION_STAGES),
  failed_stage: z.enum(PIPELINE_STAGES).nullable(),
  stages: z.array(z.enum(PIPELINE_STAGES)).describe('The pipeline, in order'),
  provider_id: z.uuid(),
  region: z.string(),
  project_id: z.uuid().nullable(),
  run_id: z.string().nullable(),
  workflow_id: z.uuid().nullable(),
  rollback_workflow_id: z.uuid().nullable(),
  goals: GoalsView,
  caps: z.object({ max_wave_size: z.number().int(), max_wave_risk: z.number().int() }),
  retries: z.number().int(),
  error: z.string().nullable(),
  counts: z.record(z.string(), z.number().int()).describe('Workloads by state'),
  workloads: z.array(
    z.object({
      workload_id: z.uuid(),
      name: z.string(),
      strategy: z.enum(STRATEGIES),
      target_service: z.string(),
      target_size: z.string().nullable(),
      state: z.enum(WORKLOAD_STATES),
      target_resource_id: z.uuid().nullable(),
      target_external_id: z.string().nullable(),
      error: z.string().nullable(),
      updated_at: z.iso.datetime(),
    }),
  ),
  tco: TcoTotalsView.nullable(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
  finished_at: z.iso.datetime().nullable(),
});
export type MigrationView = z.infer<typeof MigrationView>;

export const toMigrationView = (m: Migration): MigrationView => {
  const counts: Record<string, number> = { total: m.workloads.length };
  for (const w of m.workloads) counts[w.state] = (counts[w.state] ?? 0) + 1;
  return {
    id: m.id,
    wave: m.wave,
    name: m.name,
    status: statusOf(m.stage),
    stage: m.stage,
    failed_stage: m.failedStage,
    stages: [...PIPELINE_STAGES],
    provider_id: m.providerId,
    region: m.region,
    project_id: m.projectId,
    run_id: m.runId,
    workflow_id: m.workflowId,
    rollback_workflow_id: m.rollbackWorkflowId,
    goals: toGoalsView(m.goals),
    caps: { max_wave_size: m.caps.maxWaveSize, max_wave_risk: m.caps.maxWaveRisk },
    retries: m.retries,
    error: m.error,
    counts,
    workloads: m.workloads.map((w) => ({
      workload_id: w.workloadId,
      name: w.name,
      strategy: w.strategy,
      target_service: w.targetService,
      target_size: w.targetSize,
      state: w.state,
      target_resource_id: w.targetResourceId,
      target_external_id: w.targetExternalId,
      error: w.error,
      updated_at: w.updatedAt.toISOString(),
    })),
    tco: m.tco ? toTcoTotalsView(m.tco) : null,
    created_at: m.createdAt.toISOString(),
    updated_at: m.updatedAt.toISOString(),
    finished_at: m.finishedAt?.toISOString() ?? null,
  };
};
