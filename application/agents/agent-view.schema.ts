import { z } from 'zod';

import { WorkflowViewSchema } from '../workflows/workflow.view';

/** The zod forms of the agent views, for OpenAPI and MCP output schemas. */
const Json = z.record(z.string(), z.unknown());

export const AgentViewSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['L1', 'L2', 'L3']),
  role: z.string(),
  description: z.string(),
  status: z.string(),
  parent: z.string().nullable(),
  reports_to: z.string().nullable(),
  permissions: z.array(z.string()).readonly(),
  capabilities: z.array(z.string()).readonly(),
  skills: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        description: z.string(),
        tags: z.array(z.string()).readonly(),
        examples: z.array(z.string()).readonly(),
      }),
    )
    .readonly(),
  activity: z
    .object({
      running: z.number(),
      last_task: z
        .object({
          workflow_id: z.string(),
          node_key: z.string(),
          action: z.string(),
          status: z.string(),
          finished_at: z.string().nullable(),
        })
        .nullable(),
    })
    .nullable(),
});

export const GoalStartedSchema = z.object({
  workflow: WorkflowViewSchema,
  run_id: z.string(),
  plan: z.object({
    goal: z.string(),
    summary: z.string(),
    planner: z.string(),
    tasks: z
      .array(
        z.object({
          key: z.string(),
          agent: z.string(),
          action: z.string(),
          params: Json,
          needs: z.array(z.string()).readonly(),
          worker: z.boolean(),
        }),
      )
      .readonly(),
  }),
});
