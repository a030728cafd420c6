import { z } from 'zod';
import { LIFECYCLE_ACTIONS } from '../../../domain/cloud/resource.entity';
import { DomainError } from '../../../domain/shared/domain-error';
import { err, ok } from '../../../domain/shared/result';
import { type ResourceLifecycleUseCase } from '../../cloud/manage-resources.use-case';
import { isApprovalRequired } from '../../cloud/cloud.view';
import { type GetApprovalUseCase } from '../../governance/get-approval.use-case';
import { done, wait } from '../../workflows/node-handler';
import { ACTION_NAMES, type AgentAction } from '../agent-actions';
import { parseParams } from './action-params';

const Params = z.object({
  resource_id: z.uuid(),
  action: z.enum(LIFECYCLE_ACTIONS),
  reason: z.string().trim().max(1000).optional(),
  project_id: z.uuid().optional().describe("Whose policy gates the action (default: the workflow's project)"),
});

/** What the node keeps while a human decides. */
const Pending = z.object({ approval_id: z.string().min(1), run_id: z.string().min(1) });

/**
 * DOA: start, stop or terminate a resource through the cloud port, behind the policy gate. When
 * the policy asks for an approval the node waits (without spending attempts) and polls it; once
 * approved, the action is repeated with the decision token, which the gate spends exactly once.
 */
export function cloudLifecycleAction(
  lifecycle: Pick<ResourceLifecycleUseCase, 'execute'>,
  approvals: Pick<GetApprovalUseCase, 'execute'>,
  pollMs = 5_000,
): AgentAction {
  return {
    name: ACTION_NAMES.cloudLifecycle,
    description: 'Starts, stops or terminates a cloud resource behind the policy and approval gate',
    risk: 'high',
    perform: async (ctx) => {
      const params = parseParams(Params, ctx.params);
      if (!params.ok) return params;
      const { resource_id, action, reason } = params.value;
      const projectId = params.value.project_id ?? ctx.run.workflow.projectId ?? undefined;
      const pending = Pending.safeParse(ctx.run.node.state ?? {});

      if (!pending.success) {
        const result = await lifecycle.execute(ctx.actor, resource_id, action, {
          reason,
          project_id: projectId,
        });
        if (!result.ok) return result;
        if (!isApprovalRequired(result.value)) return ok(done({ resource: result.value }));
        const approval = result.value;
        await ctx.record({
          id: 'approval',
          kind: 'approval',
          name: `approval requested: ${approval.tool}`,
          tool: approval.tool,
          input: { resource_id, action, reason: reason ?? null },
          output: { ...approval },
        });
        const state = { approval_id: approval.approval_id, run_id: approval.run_id };
        return ok(wait('approval_pending', pollMs, state));
      }

      const { approval_id, run_id } = pending.data;
      const approval = await approvals.execute(ctx.actor, approval_id);
      if (!approval.ok) return approval;
      const status = approval.value.status;
      if (status === 'pending') return ok(wait('approval_pending', pollMs, pending.data));
      if (status !== 'approved') {
        await ctx.record({
          id: 'decision',
          kind: 'approval',
          name: `approval ${status}`,
          output: { approval_id, status },
        });
        return err(DomainError.forbidden(`the approval of ${action} was ${status}`, `approval_${status}`));
      }
      const token = approval.value.decision_token;
      if (!token) {
        return err(
          DomainError.forbidden(
            'the approval has no usable decision token left',
            'decision_token_unavailable',
          ),
        );
      }
      await ctx.record({
        id: 'decision',
        kind: 'approval',
        name: 'approval approved',
        output: { approval_id, status },
      });
      const result = await lifecycle.execute(ctx.actor, resource_id, action, {
        reason,
        project_id: projectId,
        run_id,
        decision_token: token,
      });
      if (!result.ok) return result;
      if (isApprovalRequired(result.value)) {
        return err(DomainError.conflict('the gate asked for a second approval', 'approval_loop'));
      }
      return ok(done({ resource: result.value, approval_id }));
    },
  };
}
