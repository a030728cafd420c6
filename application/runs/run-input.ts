import { z } from 'zod';
import { FINAL_RUN_STATUSES, STEP_KINDS } from '../../domain/runs/step-kind';
import { isPlainObject } from '../../domain/shared/own-property';

/** Client-chosen ids make writes idempotent: a retried request never creates a second run or step. */
const CLIENT_ID = /^[\w.:@/-]+$/;
const ClientId = z.string().min(1).max(128).regex(CLIENT_ID, 'letters, digits and _ . : @ / - only');
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

/**
 * `StepInput.safeParse`, with a fast path for the usual step. Ingest validates every step of every
 * batch, and the schema's copy of each one was a tenth of the server's work per step. The fast
 * path accepts only what the schema accepts (a property test holds it to that) and hands anything
 * else to the schema, which decides and words the error; an accepted step is the input itself,
 * not a copy, so treat it as read-only.
 */
export function parseStepInput(raw: unknown): z.ZodSafeParseResult<StepInput> {
  return usualStep(raw) ? { success: true, data: raw } : StepInput.safeParse(raw);
}

const STEP_FIELDS: ReadonlySet<string> = new Set(Object.keys(StepInput.shape));
const KINDS: ReadonlySet<unknown> = new Set(STEP_KINDS);
const TIMESTAMP = Timestamp._zod.pattern;

function usualStep(raw: unknown): raw is StepInput {
  if (!isPlainObject(raw)) return false;
  const step = raw;
  for (const key in step) if (!STEP_FIELDS.has(key) || !Object.hasOwn(step, key)) return false;
  return (
    isClientId(step.id) &&
    KINDS.has(step.kind) &&
    (step.name === undefined || isText(step.name, 500)) &&
    (absent(step.parent_id) || isClientId(step.parent_id)) &&
    isTimestamp(step.started_at) &&
    (absent(step.ended_at) || isTimestamp(step.ended_at)) &&
    (absent(step.model) || isText(step.model, 200)) &&
    (absent(step.model_params) || isRecord(step.model_params)) &&
    (absent(step.tool) || isText(step.tool, 200)) &&
    (absent(step.usage) || isUsage(step.usage)) &&
    (absent(step.cost_usd) ||
      (typeof step.cost_usd === 'number' && step.cost_usd >= 0 && step.cost_usd < Infinity)) &&
    (absent(step.error) || isText(step.error, 10_000) || isRecord(step.error)) &&
    (absent(step.decision_token) || isText(step.decision_token, 8192)) &&
    (step.metadata === undefined || isRecord(step.metadata))
  );
}

/** What `.nullish()` lets through. */
const absent = (value: unknown): boolean => value === undefined || value === null;
const isText = (value: unknown, max: number): boolean => typeof value === 'string' && value.length <= max;
const isClientId = (value: unknown): boolean =>
  typeof value === 'string' && value.length >= 1 && value.length <= 128 && CLIENT_ID.test(value);
const isTimestamp = (value: unknown): boolean => typeof value === 'string' && TIMESTAMP.test(value);
const isCount = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 0;

/** What the schema keeps of a record unchanged: no "__proto__" key (it drops those), no symbols. */
const isRecord = (value: unknown): boolean =>
  isPlainObject(value) &&
  !Object.hasOwn(value, '__proto__') &&
  Object.getOwnPropertySymbols(value).length === 0;

function isUsage(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  for (const key in value)
    if ((key !== 'input_tokens' && key !== 'output_tokens') || !Object.hasOwn(value, key)) return false;
  return isCount(value.input_tokens) && isCount(value.output_tokens);
}

export const FinishRunInput = z.strictObject({
  status: z.enum(FINAL_RUN_STATUSES),
  ended_at: Timestamp.optional(),
});
export type FinishRunInput = z.infer<typeof FinishRunInput>;
