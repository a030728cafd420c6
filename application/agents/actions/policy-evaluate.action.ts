import { z } from 'zod';
import { RISK_LEVELS } from '../../../domain/governance/ports/policy-engine.port';
import { ok } from '../../../domain/shared/result';
import { type EvaluatePolicyUseCase } from '../../governance/evaluate-policy.use-case';
import { done } from '../../workflows/node-handler';
import { ACTION_NAMES, type AgentAction } from '../agent-actions';
import { taskStepIds } from '../task-steps';
import { parseParams } from './action-params';

const Call = z.object({
  agent: z.string().min(1).max(200).optional().describe('The principal asked about (default: the performer)'),
  tool: z.string().min(1).max(200),
  arguments: z.unknown().optional(),
  risk: z.enum(RISK_LEVELS).optional(),
  environment: z.string().max(100).optional(),
});
const Params = z.union([
  z.object({ calls: z.array(Call).min(1).max(20) }),
  Call.transform((c) => ({ calls: [c] })),
]);

/**
 * GA: asks the project's active policy about risky calls. Each decision is recorded by the policy
 * use case as a `policy` step of the workflow's run (`<task step>:policy`), with the run's context.
 */
export function policyEvaluateAction(evaluate: Pick<EvaluatePolicyUseCase, 'execute'>): AgentAction {
  return {
    name: ACTION_NAMES.policyEvaluate,
    description: 'Decides tool calls against the active policy version, recording each decision',
    risk: 'low',
    perform: async (ctx) => {
      const params = parseParams(Params, ctx.params);
      if (!params.ok) return params;
      const runId = ctx.run.workflow.runId;
      const ids = taskStepIds(ctx.run);
      const decisions: Record<string, unknown>[] = [];
      for (const [i, call] of params.value.calls.entries()) {
        const decided = await evaluate.execute(ctx.actor, {
          agent: call.agent ?? ctx.agent,
          tool: call.tool,
          arguments: call.arguments,
          risk: call.risk,
          environment: call.environment,
          issue_token: false,
          ...(runId
            ? { run_id: runId, step_id: ids.nested(`policy_${i}`) }
            : { project_id: ctx.run.workflow.projectId ?? undefined }),
        });
        if (!decided.ok) return decided;
        decisions.push({
          agent: call.agent ?? ctx.agent,
          tool: call.tool,
          risk: call.risk ?? null,
          decision: decided.value.decision,
          reasons: decided.value.reasons,
          policy_version: decided.value.policy_version,
        });
      }
      const count = (d: string): number => decisions.filter((x) => x.decision === d).length;
      return ok(
        done({
          decisions,
          allowed: count('allow'),
          approval_required: count('require_approval'),
          blocked: count('block'),
        }),
      );
    },
  };
}
