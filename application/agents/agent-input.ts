import { z } from 'zod';

export const StartGoalInput = z.strictObject({
  goal: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .describe(
      'A known goal id (assess_portfolio, plan_migration, run_wave, cost_review, security_review) or text such as "plan and execute wave 1"',
    ),
  params: z
    .record(z.string(), z.unknown())
    .default({})
    .describe('Goal parameters, e.g. {"wave": 1, "migration_id": "..."}'),
  project_id: z
    .uuid()
    .optional()
    .describe(
      "The project whose run records the goal (default: an API key's project, else the tenant's first)",
    ),
});
export type StartGoalInput = z.infer<typeof StartGoalInput>;

/** The input of an `agent.task` workflow node. */
export const AgentTaskInput = z.object({
  agent: z.string().min(1).max(200).describe('The L2 agent code that owns the task'),
  action: z.string().min(1).max(200),
  params: z.record(z.string(), z.unknown()).default({}),
  worker: z
    .boolean()
    .default(false)
    .describe('The L2 hands the task to an L1 worker holding only this action'),
  delegated_by: z.string().min(1).max(200).default('EPA').describe('Who handed the task to the agent'),
});
export type AgentTaskInput = z.infer<typeof AgentTaskInput>;

export const AgentCodeInput = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z][\w.:-]*$/, 'an agent code such as DOA');
