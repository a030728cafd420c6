import { type EventPublisher, type TenantEvent } from '../../domain/shared/ports/event-publisher.port';
import { type Workflow, type WorkflowNode } from '../../domain/workflows/workflow';
import { toNodeView } from './workflow.view';

export const NODE_UPDATED = 'workflow.node_updated';
export const WORKFLOW_FINISHED = 'workflow.finished';
export const WORKFLOW_STARTED = 'workflow.started';

/** What the runner needs of a workflow to address its events. */
export type EventScope = Pick<Workflow, 'tenantId' | 'id' | 'kind' | 'projectId' | 'runId'>;

/** `workflow:<id>`, and the run and project it belongs to (API keys see their project's events). */
export function workflowTopics(workflow: EventScope): string[] {
  return [
    `workflow:${workflow.id}`,
    ...(workflow.runId ? [`run:${workflow.runId}`] : []),
    ...(workflow.projectId ? [`project:${workflow.projectId}`] : []),
  ];
}

/**
 * Progress events are live and best effort: a broker outage is the bus's to report, never a reason
 * to fail the node that produced them.
 */
export class WorkflowEvents {
  constructor(
    private readonly events: EventPublisher,
    private readonly now: () => Date,
  ) {}

  started(workflow: Workflow): void {
    this.emit(workflow, WORKFLOW_STARTED, { status: workflow.status, name: workflow.name });
  }

  nodeUpdated(workflow: EventScope, node: WorkflowNode): void {
    this.emit(workflow, NODE_UPDATED, { node: toNodeView(node) });
  }

  /** Every process running nodes of a cancelled workflow aborts them when it hears this. */
  finished(workflow: Workflow): void {
    this.emit(workflow, WORKFLOW_FINISHED, { status: workflow.status, error: workflow.error });
  }

  private emit(workflow: EventScope, type: string, data: Record<string, unknown>): void {
    const event: TenantEvent = {
      tenantId: workflow.tenantId,
      type,
      topics: workflowTopics(workflow),
      data: { workflow_id: workflow.id, kind: workflow.kind, ...data },
      at: this.now().toISOString(),
    };
    this.events.publish(event).catch(() => undefined);
  }
}
