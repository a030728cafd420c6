import { z } from 'zod';
import { type WorkflowSummary } from '../../domain/workflows/ports/workflow-repository.port';
import {
  NODE_STATUSES,
  WORKFLOW_STATUSES,
  type Workflow,
  type WorkflowNode,
} from '../../domain/workflows/workflow';
import { type WorkflowNodeView, type WorkflowView } from './workflows';

export const WorkflowNodeViewSchema = z.object({
  key: z.string(),
  type: z.string(),
  label: z.string().nullable(),
  needs: z.array(z.string()).readonly(),
  status: z.enum(NODE_STATUSES),
  attempts: z.number().int(),
  max_attempts: z.number().int(),
  output: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  waiting_for: z.string().nullable().describe('Why a waiting node waits'),
  not_before: z.iso.datetime().nullable().describe('A waiting or retrying node runs again from then on'),
  worker_id: z.string().nullable().describe('The process that ran (or runs) its latest attempt'),
  started_at: z.iso.datetime().nullable(),
  finished_at: z.iso.datetime().nullable(),
  duration_ms: z.number().int().nullable(),
});

export const WorkflowViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  status: z.enum(WORKFLOW_STATUSES),
  project_id: z.uuid().nullable(),
  run_id: z.string().nullable(),
  input: z.record(z.string(), z.unknown()),
  error: z.string().nullable(),
  created_at: z.iso.datetime(),
  finished_at: z.iso.datetime().nullable(),
  progress: z.record(z.string(), z.number().int()).describe('Node counts by status, plus `total`'),
  nodes: z
    .array(WorkflowNodeViewSchema)
    .readonly()
    .describe('Empty in listings: read one workflow for its nodes'),
});

export const WorkflowListViewSchema = z.object({
  items: z.array(WorkflowViewSchema),
  next_cursor: z.string().nullable(),
});

export function toNodeView(node: WorkflowNode): WorkflowNodeView {
  const running = node.status === 'running';
  return {
    key: node.key,
    type: node.type,
    label: node.label,
    needs: [...node.needs],
    status: node.status,
    attempts: node.attempts,
    max_attempts: node.maxAttempts,
    output: node.output,
    error: node.error,
    waiting_for: node.waitingFor,
    not_before: node.notBefore?.toISOString() ?? null,
    worker_id: node.workerId,
    started_at: node.startedAt?.toISOString() ?? null,
    finished_at: running ? null : (node.finishedAt?.toISOString() ?? null),
    duration_ms:
      node.startedAt && node.finishedAt && !running
        ? node.finishedAt.getTime() - node.startedAt.getTime()
        : null,
  };
}

export function toWorkflowView(
  workflow: Workflow,
  nodes: readonly WorkflowNode[],
  progress?: WorkflowSummary['progress'],
): WorkflowView {
  const counts: Record<string, number> = {};
  if (progress) Object.assign(counts, progress);
  else for (const node of nodes) counts[node.status] = (counts[node.status] ?? 0) + 1;
  counts.total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  return {
    id: workflow.id,
    name: workflow.name,
    kind: workflow.kind,
    status: workflow.status,
    project_id: workflow.projectId,
    run_id: workflow.runId,
    input: workflow.input,
    error: workflow.error,
    created_at: workflow.createdAt.toISOString(),
    finished_at: workflow.finishedAt?.toISOString() ?? null,
    progress: counts,
    nodes: nodes.map(toNodeView),
  };
}
