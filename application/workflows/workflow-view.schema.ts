import { z } from 'zod';

/** The zod form of WorkflowView, for OpenAPI and MCP output schemas. */
const Json = z.record(z.string(), z.unknown());

export const WorkflowNodeViewSchema = z.object({
  key: z.string(),
  type: z.string(),
  label: z.string().nullable(),
  needs: z.array(z.string()).readonly(),
  status: z.string(),
  attempts: z.number(),
  max_attempts: z.number(),
  output: Json.nullable(),
  error: z.string().nullable(),
  worker_id: z.string().nullable(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  duration_ms: z.number().nullable(),
});

export const WorkflowViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  status: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
  project_id: z.string().nullable(),
  run_id: z.string().nullable(),
  input: Json,
  error: z.string().nullable(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
  progress: z.record(z.string(), z.number()),
  nodes: z.array(WorkflowNodeViewSchema).readonly(),
});
