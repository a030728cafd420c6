import { type StoredStep } from '../../../domain/runs/ports/step-repository.port';
import { type Step } from '../../../domain/runs/step';
import { type StepKind } from '../../../domain/runs/step-kind';
import { asTenantId } from '../../../domain/shared/tenant-id';

export interface StepRow {
  tenant_id: string;
  run_id: string;
  id: string;
  seq: string | number;
  parent_id: string | null;
  kind: string;
  name: string | null;
  started_at: Date;
  ended_at: Date | null;
  model: string | null;
  model_params: Record<string, unknown> | null;
  tool: string | null;
  input: unknown;
  output: unknown;
  input_tokens: number | null;
  output_tokens: number | null;
  cost_usd: string | number | null;
  cost_source: string | null;
  error: unknown;
  metadata: Record<string, unknown> | null;
  decision_token_id: string | null;
  redactions: { path: string; type: string; hash: string }[];
  diff_digest: string | null;
}

export const STEP_COLUMNS = `tenant_id, run_id, id, seq, parent_id, kind, name, started_at, ended_at, model, model_params, tool,
  input, output, input_tokens, output_tokens, cost_usd, cost_source, error, metadata, decision_token_id, redactions,
  diff_digest`;

export const StepMapper = {
  toDomain(row: StepRow): StoredStep {
    return {
      tenantId: asTenantId(row.tenant_id),
      runId: row.run_id,
      id: row.id,
      seq: Number(row.seq),
      parentId: row.parent_id,
      kind: row.kind as StepKind,
      name: row.name,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      model: row.model,
      modelParams: row.model_params,
      tool: row.tool,
      input: row.input ?? null,
      output: row.output ?? null,
      inputTokens: row.input_tokens,
      outputTokens: row.output_tokens,
      costUsd: row.cost_usd === null ? null : Number(row.cost_usd),
      costSource: row.cost_source as StoredStep['costSource'],
      error: row.error ?? null,
      metadata: row.metadata,
      decisionTokenId: row.decision_token_id,
      redactions: row.redactions,
      diffDigest: row.diff_digest,
    };
  },

  /** The JSON document one row is built from inside PostgreSQL (jsonb_to_recordset). */
  toRecord(step: Step): Record<string, unknown> {
    return {
      id: step.id,
      parent_id: step.parentId,
      kind: step.kind,
      name: step.name,
      started_at: step.startedAt.toISOString(),
      ended_at: step.endedAt?.toISOString() ?? null,
      model: step.model,
      model_params: step.modelParams,
      tool: step.tool,
      input: step.input === undefined ? null : step.input,
      output: step.output === undefined ? null : step.output,
      input_tokens: step.inputTokens,
      output_tokens: step.outputTokens,
      cost_usd: step.costUsd,
      cost_source: step.costSource,
      error: step.error === undefined ? null : step.error,
      metadata: step.metadata,
      decision_token_id: step.decisionTokenId,
      redactions: step.redactions,
      diff_digest: step.diffDigest ?? null,
    };
  },
};
