import { type DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { type WorkflowSpec } from '../../domain/workflows/workflow';
import { type Actor, type TenantActor } from '../shared/actor';
import { type ListWorkflowsQuery, type WorkflowView, Workflows } from './workflows';

/**
 * The runner for unit tests: runs nothing. Remembers what was started (with a running view),
 * retried and cancelled. An id it did not start stands for a workflow started elsewhere and reads
 * as a running workflow with no nodes.
 */
export class FakeWorkflows extends Workflows {
  readonly started: WorkflowSpec[] = [];
  readonly retried: string[] = [];
  readonly cancelled: string[] = [];
  views: WorkflowView[] = [];
  failStart: DomainError | null = null;

  async start(_actor: TenantActor, spec: WorkflowSpec): Promise<Result<WorkflowView>> {
    if (this.failStart) return err(this.failStart);
    this.started.push(spec);
    const view: WorkflowView = {
      ...blank(`00000000-0000-7000-a000-${String(this.started.length).padStart(12, '0')}`),
      name: spec.name,
      kind: spec.kind,
      project_id: spec.projectId,
      run_id: spec.runId ?? null,
      input: spec.input,
      progress: { total: spec.nodes.length, pending: spec.nodes.length },
      nodes: spec.nodes.map((n) => ({
        key: n.key,
        type: n.type,
        label: n.label ?? null,
        needs: [...n.needs],
        status: 'pending',
        attempts: 0,
        max_attempts: n.maxAttempts ?? 3,
        output: null,
        error: null,
        waiting_for: null,
        not_before: null,
        worker_id: null,
        started_at: null,
        finished_at: null,
        duration_ms: null,
      })),
    };
    this.views.push(view);
    return ok(view);
  }

  async get(_actor: Actor, id: string): Promise<Result<WorkflowView>> {
    return ok(this.views.find((v) => v.id === id) ?? blank(id));
  }

  async list(_actor: Actor, query: ListWorkflowsQuery) {
    const items = this.views.filter((v) => !query.kind || v.kind === query.kind).slice(0, query.limit);
    return ok({ items, next_cursor: null });
  }

  async cancel(actor: Actor, id: string): Promise<Result<WorkflowView>> {
    this.cancelled.push(id);
    return this.get(actor, id);
  }

  async retry(actor: Actor, id: string): Promise<Result<WorkflowView>> {
    this.retried.push(id);
    return this.get(actor, id);
  }
}

const blank = (id: string): WorkflowView => ({
  id,
  name: 'workflow',
  kind: 'migration',
  status: 'running',
  project_id: null,
  run_id: null,
  input: {},
  error: null,
  created_at: '2026-11-23T10:00:00.000Z',
  finished_at: null,
  progress: { total: 0 },
  nodes: [],
});
