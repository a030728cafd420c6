import { z } from 'zod';
import { type Run } from '../../domain/runs/run.entity';
import { RUN_STATUSES } from '../../domain/runs/step-kind';

export const RunView = z.object({
  id: z.guid(),
  tenant_id: z.uuid(),
  project_id: z.uuid(),
  name: z.string().nullable(),
  status: z.enum(RUN_STATUSES),
  started_at: z.iso.datetime(),
  ended_at: z.iso.datetime().nullable(),
  duration_ms: z.number().int().nullable(),
  tags: z.array(z.string()),
  metadata: z.record(z.string(), z.unknown()),
  models: z.array(z.string()),
  tools: z.array(z.string()),
  step_count: z.number().int(),
  tool_count: z.number().int(),
  error_count: z.number().int(),
  usage: z.object({ input_tokens: z.number().int(), output_tokens: z.number().int() }),
  cost_usd: z.number(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});
export type RunView = z.infer<typeof RunView>;

export const toRunView = (run: Run): RunView => ({
  id: run.id,
  tenant_id: run.tenantId,
  project_id: run.projectId,
  name: run.name,
  status: run.status,
  started_at: run.startedAt.toISOString(),
  ended_at: run.endedAt?.toISOString() ?? null,
  duration_ms: run.durationMs,
  tags: [...run.tags],
  metadata: { ...run.metadata },
  models: [...run.stats.models],
  tools: [...run.stats.tools],
  step_count: run.stats.stepCount,
  tool_count: run.stats.toolCount,
  error_count: run.stats.errorCount,
  usage: { input_tokens: run.stats.inputTokens, output_tokens: run.stats.outputTokens },
  cost_usd: run.stats.costUsd,
  created_at: run.createdAt.toISOString(),
  updated_at: run.updatedAt.toISOString(),
});
