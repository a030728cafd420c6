import { z } from 'zod';
import { type Step } from '../../domain/runs/step';
import { STEP_KINDS } from '../../domain/runs/step-kind';

export const RedactionMarkView = z.object({
  path: z.string().describe('Where in the step the value was masked, e.g. input.messages[0].content'),
  type: z.string().describe('What was masked: email, credential, jwt, credit_card, ...'),
  hash: z
    .string()
    .describe('Keyed hash of the original value: equal values, equal hashes (within the tenant)'),
});

export const StepView = z.object({
  id: z.string(),
  run_id: z.guid(),
  kind: z.enum(STEP_KINDS),
  name: z.string().nullable(),
  parent_id: z.string().nullable(),
  started_at: z.iso.datetime(),
  ended_at: z.iso.datetime().nullable(),
  duration_ms: z.number().int().nullable(),
  model: z.string().nullable(),
  model_params: z.record(z.string(), z.unknown()).nullable(),
  tool: z.string().nullable(),
  input: z.unknown(),
  output: z.unknown(),
  usage: z.object({ input_tokens: z.number().int(), output_tokens: z.number().int() }).nullable(),
  cost_usd: z.number().nullable(),
  cost_source: z.enum(['client', 'computed']).nullable(),
  error: z.unknown(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  decision_token_id: z.string().nullable(),
  redacted: z.boolean().describe('True when any value of this step was masked'),
  redactions: z.array(RedactionMarkView),
});
export type StepView = z.infer<typeof StepView>;

export const toStepView = (step: Step): StepView => ({
  id: step.id,
  run_id: step.runId,
  kind: step.kind,
  name: step.name,
  parent_id: step.parentId,
  started_at: step.startedAt.toISOString(),
  ended_at: step.endedAt?.toISOString() ?? null,
  duration_ms: step.endedAt ? step.endedAt.getTime() - step.startedAt.getTime() : null,
  model: step.model,
  model_params: step.modelParams ? { ...step.modelParams } : null,
  tool: step.tool,
  input: step.input ?? null,
  output: step.output ?? null,
  usage:
    step.inputTokens === null && step.outputTokens === null
      ? null
      : { input_tokens: step.inputTokens ?? 0, output_tokens: step.outputTokens ?? 0 },
  cost_usd: step.costUsd,
  cost_source: step.costSource,
  error: step.error ?? null,
  metadata: step.metadata ? { ...step.metadata } : null,
  decision_token_id: step.decisionTokenId,
  redacted: step.redactions.length > 0,
  redactions: [...step.redactions],
});
