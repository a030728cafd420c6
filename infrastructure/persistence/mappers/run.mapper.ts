import { Run } from '../../../domain/runs/run.entity';
import { type RunStatus } from '../../../domain/runs/step-kind';
import { asTenantId } from '../../../domain/shared/tenant-id';

/** A `runs` row as the drivers return it (pg gives numeric/bigint as strings, PGlite as numbers). */
export interface RunRow {
  tenant_id: string;
  id: string;
  project_id: string;
  name: string | null;
  status: string;
  started_at: Date;
  ended_at: Date | null;
  tags: string[];
  metadata: Record<string, unknown>;
  models: string[];
  tools: string[];
  step_count: number;
  tool_count: number;
  error_count: number;
  input_tokens: string | number;
  output_tokens: string | number;
  cost_usd: string | number;
  created_at: Date;
  updated_at: Date;
}

export const RUN_COLUMNS = `tenant_id, id, project_id, name, status, started_at, ended_at, tags, metadata, models, tools,
  step_count, tool_count, error_count, input_tokens, output_tokens, cost_usd, created_at, updated_at`;

export const RunMapper = {
  toDomain(row: RunRow): Run {
    return Run.restore({
      tenantId: asTenantId(row.tenant_id),
      id: row.id,
      projectId: row.project_id,
      name: row.name,
      status: row.status as RunStatus,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      tags: row.tags,
      metadata: row.metadata,
      stats: {
        stepCount: Number(row.step_count),
        toolCount: Number(row.tool_count),
        errorCount: Number(row.error_count),
        inputTokens: Number(row.input_tokens),
        outputTokens: Number(row.output_tokens),
        costUsd: Number(row.cost_usd),
        models: row.models,
        tools: row.tools,
      },
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    });
  },
};
