import { type IamStatement } from '../resource.entity';
import { type ThreatRule } from './finding';

const isFullWildcard = (action: string) => action === '*' || action === '*:*';
/** `s3:*`, `iam:*`: every action of one service. */
const isServiceWildcard = (action: string) => /^[a-z0-9-]+:\*$/i.test(action);

function wildcardActions(statement: IamStatement): string[] {
  if (statement.effect !== 'Allow' || !statement.resources.some((r) => r.trim() === '*')) return [];
  return statement.actions.map((a) => a.trim()).filter((a) => isFullWildcard(a) || isServiceWildcard(a));
}

export const iamWildcardRule: ThreatRule = {
  id: 'iam-wildcard',
  title: 'IAM policy grants wildcard actions on every resource',
  severity: 'critical',
  description:
    "An Allow statement grants '*' (critical) or a whole service's actions such as 's3:*' (high) on resource '*'.",
  evaluate(resource) {
    const statements = resource.config.iamStatements ?? [];
    const offending = statements
      .map((statement, index) => ({ index, actions: wildcardActions(statement) }))
      .filter((s) => s.actions.length > 0);
    if (offending.length === 0) return [];
    const full = offending.some((s) => s.actions.some(isFullWildcard));
    return [
      {
        severity: full ? 'critical' : 'high',
        title: full ? 'IAM policy grants every action on every resource' : undefined,
        evidence: {
          statements: offending.map((s) => ({ index: s.index, actions: s.actions, resources: ['*'] })),
        },
        remediation:
          'Replace the wildcards with the specific actions and resource ARNs the workload uses (the access analyzer or recommender can generate them from activity).',
      },
    ];
  },
};
