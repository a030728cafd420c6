import { z } from 'zod';
import { WORKFLOW_STATUSES } from '../../domain/workflows/workflow';

export const ListWorkflowsInput = z.strictObject({
  kind: z
    .string()
    .regex(/^[\w.:-]{1,64}$/)
    .optional()
    .describe('e.g. `goal`, `migration`'),
  status: z.enum(WORKFLOW_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
});
export type ListWorkflowsInput = z.infer<typeof ListWorkflowsInput>;
