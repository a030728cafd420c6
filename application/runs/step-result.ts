import { z } from 'zod';

export const StepErrorView = z.object({
  code: z.string(),
  message: z.string(),
  reason: z.string().optional().describe('Why a decision token was refused'),
  fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type StepError = z.infer<typeof StepErrorView>;

/** The outcome of one step of a batch (the API returns one per step, in order). */
export const StepResultView = z.object({
  id: z.string().nullable(),
  status: z
    .enum(['created', 'duplicate', 'rejected'])
    .describe('created: stored now; duplicate: the run already had this id (a retry); rejected: see error'),
  code: z.number().int().describe('HTTP-style status of this step: 201, 200 or the 4xx of its rejection'),
  error: StepErrorView.optional(),
});
export type StepResult = z.infer<typeof StepResultView>;

export const StepBatchResultView = z.object({
  results: z.array(StepResultView),
  created: z.number().int(),
  rejected: z.number().int(),
});
export type StepBatchResult = z.infer<typeof StepBatchResultView>;
