import { ok } from '../../../domain/shared/result';
import { ThreatsInput } from '../../cloud/cloud-input';
import { type ListThreatsUseCase } from '../../cloud/list-threats.use-case';
import { done } from '../../workflows/node-handler';
import { ACTION_NAMES, type AgentAction } from '../agent-actions';
import { parseParams, pick } from './action-params';

/** How many findings the task output keeps (worst first); the rest are counted. */
export const MAX_FINDINGS = 20;

/** GA: open threat findings with the tenant's risk score. */
export function threatsReviewAction(threats: Pick<ListThreatsUseCase, 'execute'>): AgentAction {
  return {
    name: ACTION_NAMES.threatsReview,
    description: 'Open threat findings, worst first, with the risk score per provider and tenant',
    risk: 'low',
    perform: async (ctx) => {
      const input = parseParams(
        ThreatsInput,
        pick(ctx.params, ['severity', 'min_severity', 'provider', 'rule']),
      );
      if (!input.ok) return input;
      const view = await threats.execute(ctx.actor, input.value);
      if (!view.ok) return view;
      const { items, summary } = view.value;
      return ok(
        done({
          risk_score: summary.tenant.score,
          counts: summary.tenant.counts,
          findings: items.length,
          top: items.slice(0, MAX_FINDINGS).map((f) => ({
            id: f.id,
            rule_id: f.rule_id,
            severity: f.severity,
            title: f.title,
            resource_id: f.resource_id,
            resource_name: f.resource_name,
            remediation: f.remediation,
          })),
          providers: summary.providers,
        }),
      );
    },
  };
}
