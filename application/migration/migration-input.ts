import { z } from 'zod';
import { INVENTORY_FORMATS } from '../../domain/migration/inventory/inventory-parser';
import { STRATEGIES } from '../../domain/migration/strategy';
import { DEFAULT_WAVE_CAPS } from '../../domain/migration/wave-planner';
import {
  type BusinessGoals,
  CRITICALITIES,
  ENVIRONMENTS,
  SENSITIVITIES,
} from '../../domain/migration/workload.entity';

const Region = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/i, 'letters, digits and - only');

const Weight = z.number().min(0).max(10).default(1);

/** The four business goals of AWS Migration Hub Strategy Recommendations, as relative weights. */
export const GoalsInput = z
  .strictObject({
    speed_of_migration: Weight.describe('Speed of migration'),
    managed_services: Weight.describe('Reduction of operational overhead with managed services'),
    cloud_native: Weight.describe('Modernization with cloud-native technologies'),
    license_cost_reduction: Weight.describe('License cost reduction'),
  })
  .describe('Relative weights 0–10 (default 1 each: equal)');
export type GoalsInput = z.infer<typeof GoalsInput>;

export const toGoals = (g: GoalsInput | undefined): BusinessGoals => ({
  speedOfMigration: g?.speed_of_migration ?? 1,
  managedServices: g?.managed_services ?? 1,
  cloudNative: g?.cloud_native ?? 1,
  licenseCostReduction: g?.license_cost_reduction ?? 1,
});

export const ImportInventoryInput = z.strictObject({
  content: z.string().min(1).max(20_000_000).describe('The file: CSV with a header row, or JSON'),
  format: z.enum(INVENTORY_FORMATS),
});
export type ImportInventoryInput = z.infer<typeof ImportInventoryInput>;

const Bool = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean());

export const ListWorkloadsInput = z.strictObject({
  environment: z.enum(ENVIRONMENTS).optional(),
  criticality: z.enum(CRITICALITIES).optional(),
  data_sensitivity: z.enum(SENSITIVITIES).optional(),
  strategy: z.enum(STRATEGIES).optional().describe('Recommended strategy of the latest assessment'),
  name: z.string().min(1).max(100).optional().describe('Part of the name, any case'),
  import_batch: z.uuid().optional(),
  assessed: Bool.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type ListWorkloadsInput = z.infer<typeof ListWorkloadsInput>;

export const AssessWorkloadsInput = z.strictObject({
  workload_ids: z.array(z.uuid()).min(1).max(10_000).optional().describe('Default: every workload'),
  goals: GoalsInput.optional(),
  region: Region.optional().describe('Where TCO is priced (default: the price catalog’s default region)'),
});
export type AssessWorkloadsInput = z.infer<typeof AssessWorkloadsInput>;

const MaxWaveSize = z.coerce.number().int().min(1).max(500);
const MaxWaveRisk = z.coerce.number().int().min(1).max(100_000);

export const PlanWavesInput = z.strictObject({
  max_wave_size: MaxWaveSize.default(DEFAULT_WAVE_CAPS.maxWaveSize).describe('Workloads per wave'),
  max_wave_risk: MaxWaveRisk.default(DEFAULT_WAVE_CAPS.maxWaveRisk).describe(
    'Sum of workload risk (1–9 each: criticality + distance from ready) per wave',
  ),
});
export type PlanWavesInput = z.infer<typeof PlanWavesInput>;

export const StartMigrationInput = z.strictObject({
  wave: z.number().int().min(1).max(10_000).describe('Wave number, as GET /v1/migrations/waves numbers it'),
  provider_id: z
    .uuid()
    .optional()
    .describe("Target cloud provider (default: the tenant's simulated provider)"),
  region: Region.optional().describe("Default: the provider's first region"),
  project_id: z.uuid().optional().describe('Whose policy gates the cutover (default: the first project)'),
  run_id: z.guid().optional().describe('The run the pipeline reports into (default: a new run)'),
  goals: GoalsInput.optional(),
  max_wave_size: MaxWaveSize.optional(),
  max_wave_risk: MaxWaveRisk.optional(),
  concurrency: z.number().int().min(1).max(32).default(4).describe('Workloads executing at once'),
});
export type StartMigrationInput = z.infer<typeof StartMigrationInput>;

export const MIGRATION_STATUSES = [
  'running',
  'succeeded',
  'failed',
  'rolling_back',
  'rolled_back',
  'cancelled',
] as const;

export const ListMigrationsInput = z.strictObject({
  wave: z.coerce.number().int().min(1).optional(),
  status: z.enum(MIGRATION_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type ListMigrationsInput = z.infer<typeof ListMigrationsInput>;

export const RollbackMigrationInput = z.strictObject({
  reason: z.string().trim().max(1000).optional(),
});
export type RollbackMigrationInput = z.infer<typeof RollbackMigrationInput>;
