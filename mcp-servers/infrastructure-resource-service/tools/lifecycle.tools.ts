import { z } from 'zod';
import { LifecycleInput } from '../../../application/cloud/cloud-input';
import {
  ApprovalRequiredView,
  ResourceView,
  isApprovalRequired,
} from '../../../application/cloud/cloud.view';
import { type ResourceLifecycleUseCase } from '../../../application/cloud/manage-resources.use-case';
import { type LifecycleAction } from '../../../domain/cloud/resource.entity';
import { ok } from '../../../domain/shared/result';
import { type ToolHints, defineTool } from '../../shared/definitions';

/** MCP output schemas must be objects, so the use case's union becomes one object with a status. */
const LifecycleOutcome = z.object({
  status: z
    .enum(['done', 'approval_required'])
    .describe('done: the action ran and `resource` holds the new state; approval_required: see `approval`'),
  resource: ResourceView.nullable(),
  approval: ApprovalRequiredView.nullable(),
});

const GATE_NOTE =
  ' Follows the state machine pending → running ⇄ stopped → terminated (conflict otherwise). Gated by the project policy (cloud.start / cloud.stop / cloud.terminate): allow runs it, block refuses it, and require_approval answers status=approval_required with an approval_id and run_id. Then have the approval decided (decide_approval on the observability service, or the web cockpit), and call this tool again with the same resource_id plus the decision_token the approval issued and that run_id.';

const TEXT: Readonly<Record<LifecycleAction, { title: string; description: string; hints: ToolHints }>> = {
  start: {
    title: 'Start a resource',
    description: 'Starts a stopped VM through its provider.',
    hints: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  },
  stop: {
    title: 'Stop a resource',
    description: 'Stops a running VM through its provider; it can be started again.',
    hints: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  },
  terminate: {
    title: 'Terminate a resource',
    description: 'Deletes the resource at its provider for good: this cannot be undone.',
    hints: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  },
};

export const lifecycleTool = (lifecycle: ResourceLifecycleUseCase, action: LifecycleAction) =>
  defineTool({
    name: `${action}_resource`,
    title: TEXT[action].title,
    description: `${TEXT[action].description}${GATE_NOTE}`,
    input: LifecycleInput.extend({ resource_id: z.uuid() }),
    output: LifecycleOutcome,
    hints: TEXT[action].hints,
    access: 'developer',
    async run(actor, { resource_id, ...input }) {
      const outcome = await lifecycle.execute(actor, resource_id, action, input);
      if (!outcome.ok) return outcome;
      const value = outcome.value;
      return ok(
        isApprovalRequired(value)
          ? { status: 'approval_required' as const, resource: null, approval: value }
          : { status: 'done' as const, resource: value as ResourceView, approval: null },
      );
    },
  });
