import { z } from 'zod';
import { FINAL_RUN_STATUSES, STEP_KINDS } from '../../domain/runs/step-kind';

/** Client-chosen ids make writes idempotent: a retried request never creates a second run or step. */
const ClientId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\w.:@/-]+$/, 'letters, digits and _ . : @ / - only');
const Timestamp = z.iso.datetime({ offset: true });
const Json = z.unknown();

export const CreateRunInput = z.strictObject({
  id: z
    .guid()
    .optional()
    .describe(
      'Client-chosen run id (8-4-4-4-12 hex, e.g. a UUID or an OTLP trace id); creating the same id twice returns the existing run',
    ),
  project_id: z.uuid().optional().describe('Required with a user token; implied by a project API key'),
  name: z.string().max(500).optional(),
  started_at: Timestamp.optional(),
  tags: z.array(z.string().min(1).max(100)).max(50).optional(),
  metadata: z
    .record(z.string(), Json)
    .optional()
    .describe('Free-form; env, release and agent_version are indexed for search'),
});
export type CreateRunInput = z.infer<typeof CreateRunInput>;

/** One step as sent by agents (and produced by the OTLP mapping). Unknown fields are rejected. */
export const StepInput = z.strictObject({
  id: ClientId.describe('Unique within the run; resending the same id is a no-op'),
  kind: z.enum(STEP_KINDS),
  name: z.string().max(500).optional(),
  parent_id: ClientId.nullish(),
  started_at: Timestamp,
  ended_at: Timestamp.nullish(),
  model: z.string().max(200).nullish(),
  model_params: z.record(z.string(), Json).nullish(),
  tool: z.string().max(200).nullish(),
  input: Json.optional(),
  output: Json.optional(),
  usage: z
    .strictObject({ input_tokens: z.number().int().min(0), output_tokens: z.number().int().min(0) })
    .nullish(),
  cost_usd: z.number().min(0).nullish().describe('Wins over the computed cost when sent'),
  error: z.union([z.string().max(10_000), z.record(z.string(), Json)]).nullish(),
  decision_token: z.string().max(8192).nullish(),
  metadata: z.record(z.string(), Json).optional(),
});
export type StepInput = z.infer<typeof StepInput>;

export const FinishRunInput = z.strictObject({
  status: z.enum(FINAL_RUN_STATUSES),
  ended_at: Timestamp.optional(),
});
export type FinishRunInput = z.infer<typeof FinishRunInput>;
