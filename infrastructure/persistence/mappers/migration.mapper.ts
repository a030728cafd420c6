import {
  type Migration,
  type MigrationStage,
  type MigrationWorkload,
  type PipelineStage,
  type WorkloadState,
} from '../../../domain/migration/migration.entity';
import { type Strategy } from '../../../domain/migration/strategy';
import { type TcoTotals } from '../../../domain/migration/tco';
import { type WaveCaps } from '../../../domain/migration/wave-planner';
import {
  type Assessment,
  type BusinessGoals,
  type Criticality,
  type DataSensitivity,
  type Environment,
  type Workload,
  type WorkloadFacts,
} from '../../../domain/migration/workload.entity';
import { asTenantId } from '../../../domain/shared/tenant-id';

const date = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));
const maybeDate = (value: Date | string | null): Date | null => (value === null ? null : date(value));
const maybeNumber = (value: string | number | null): number | null => (value === null ? null : Number(value));

export interface WorkloadRow {
  tenant_id: string;
  id: string;
  name: string;
  environment: Environment;
  os: string;
  cpu: string | number;
  memory_gb: string | number;
  storage_gb: string | number;
  cpu_p50: string | number | null;
  cpu_p95: string | number | null;
  mem_p95: string | number | null;
  tech_stack: string[];
  dependencies: string[];
  license: string | null;
  criticality: Criticality;
  data_sensitivity: DataSensitivity;
  import_batch: string;
  assessment: Omit<Assessment, 'assessedAt'> | null;
  assessed_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

export const toWorkload = (row: WorkloadRow): Workload => ({
  tenantId: asTenantId(row.tenant_id),
  id: row.id,
  name: row.name,
  environment: row.environment,
  os: row.os,
  cpu: Number(row.cpu),
  memoryGb: Number(row.memory_gb),
  storageGb: Number(row.storage_gb),
  utilization: {
    cpuP50: maybeNumber(row.cpu_p50),
    cpuP95: maybeNumber(row.cpu_p95),
    memP95: maybeNumber(row.mem_p95),
  },
  techStack: row.tech_stack,
  dependencies: row.dependencies,
  license: row.license,
  criticality: row.criticality,
  dataSensitivity: row.data_sensitivity,
  importBatch: row.import_batch,
  assessment:
    row.assessment && row.assessed_at !== null
      ? { ...row.assessment, assessedAt: date(row.assessed_at) }
      : null,
  createdAt: date(row.created_at),
  updatedAt: date(row.updated_at),
});

/** The facts columns of a workload, as one JSON record for `jsonb_to_recordset`. */
export const factsRecord = (f: WorkloadFacts) => ({
  name: f.name,
  environment: f.environment,
  os: f.os,
  cpu: f.cpu,
  memory_gb: f.memoryGb,
  storage_gb: f.storageGb,
  cpu_p50: f.utilization.cpuP50,
  cpu_p95: f.utilization.cpuP95,
  mem_p95: f.utilization.memP95,
  tech_stack: f.techStack,
  dependencies: f.dependencies,
  license: f.license,
  criticality: f.criticality,
  data_sensitivity: f.dataSensitivity,
});

/** What is stored of an assessment: everything but the timestamp, which has its own column. */
export const assessmentRecord = (a: Assessment) => ({
  readiness: a.readiness,
  recommendation: a.recommendation,
  tco: a.tco,
  goals: a.goals,
  region: a.region,
});

export interface MigrationRow {
  tenant_id: string;
  id: string;
  wave: number;
  name: string;
  stage: MigrationStage;
  failed_stage: PipelineStage | null;
  provider_id: string;
  region: string;
  project_id: string | null;
  run_id: string | null;
  workflow_id: string | null;
  rollback_workflow_id: string | null;
  goals: BusinessGoals;
  caps: WaveCaps;
  tco: TcoTotals | null;
  retries: number;
  error: string | null;
  started_by: Record<string, unknown>;
  created_at: Date | string;
  updated_at: Date | string;
  finished_at: Date | string | null;
}

export interface MigrationWorkloadRow {
  migration_id: string;
  workload_id: string;
  position: number;
  name: string;
  strategy: Strategy;
  target_service: string;
  target_size: string | null;
  state: WorkloadState;
  target_resource_id: string | null;
  target_external_id: string | null;
  error: string | null;
  updated_at: Date | string;
}

export const toMigrationWorkload = (row: MigrationWorkloadRow): MigrationWorkload => ({
  workloadId: row.workload_id,
  name: row.name,
  strategy: row.strategy,
  targetService: row.target_service,
  targetSize: row.target_size,
  state: row.state,
  targetResourceId: row.target_resource_id,
  targetExternalId: row.target_external_id,
  error: row.error,
  updatedAt: date(row.updated_at),
});

export const toMigration = (row: MigrationRow, workloads: readonly MigrationWorkloadRow[]): Migration => ({
  tenantId: asTenantId(row.tenant_id),
  id: row.id,
  wave: Number(row.wave),
  name: row.name,
  stage: row.stage,
  failedStage: row.failed_stage,
  providerId: row.provider_id,
  region: row.region,
  projectId: row.project_id,
  runId: row.run_id,
  workflowId: row.workflow_id,
  rollbackWorkflowId: row.rollback_workflow_id,
  goals: row.goals,
  caps: row.caps,
  tco: row.tco,
  retries: Number(row.retries),
  error: row.error,
  startedBy: row.started_by,
  workloads: [...workloads].sort((a, b) => a.position - b.position).map(toMigrationWorkload),
  createdAt: date(row.created_at),
  updatedAt: date(row.updated_at),
  finishedAt: maybeDate(row.finished_at),
});
