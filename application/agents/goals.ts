import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';

export const GOAL_IDS = [
  'assess_portfolio',
  'plan_migration',
  'run_wave',
  'cost_review',
  'security_review',
] as const;
export type GoalId = (typeof GOAL_IDS)[number];

export const GOAL_DESCRIPTIONS: Readonly<Record<GoalId, string>> = {
  assess_portfolio: 'Assess the portfolio: readiness and 6R strategy per workload, TCO, open threats',
  plan_migration: 'Plan the migration: assessment, waves and TCO',
  run_wave: 'Plan and execute a migration wave (params.wave, default 1) through its 6 stages',
  cost_review: 'Cost review: spend, forecast, threats and run health',
  security_review: 'Security review: threats, policy decisions on risky actions, run health',
};

/**
 * Free-text rules, first match wins: "plan and execute wave 1" must be run_wave even though it
 * also says "plan", so executing a wave is tried before planning one.
 */
const RULES: readonly { readonly goal: GoalId; readonly test: RegExp }[] = [
  { goal: 'run_wave', test: /\b(run|execute|migrate|start|launch|kick off)\b.*\bwaves?\b|\bwave\s*#?\s*\d+/ },
  { goal: 'plan_migration', test: /\bplan\b.*\b(migration|migrate|waves?)\b|\b(migration|wave) plan/ },
  { goal: 'assess_portfolio', test: /\b(assess|assessment|portfolio|readiness|6r|inventory)\b/ },
  { goal: 'security_review', test: /\b(security|threats?|vulnerab\w*|compliance|polic(y|ies)|risk)\b/ },
  { goal: 'cost_review', test: /\b(costs?|spend(ing)?|finops|budgets?|forecast|bill(ing)?)\b/ },
];

export interface MatchedGoal {
  readonly id: GoalId;
  /** A wave number named in the text ("wave 2"), if any. */
  readonly wave: number | null;
}

/** Maps a goal id or free text to a known goal; anything else is a validation error listing them. */
export function matchGoal(goal: string): Result<MatchedGoal> {
  const text = goal.trim().toLowerCase();
  const wave = /\bwave\s*#?\s*(\d{1,4})\b/.exec(text);
  const waveNumber = wave ? Number(wave[1]) : null;
  const asId = text.replace(/[\s-]+/g, '_');
  const exact = GOAL_IDS.find((id) => id === asId);
  if (exact) return ok({ id: exact, wave: waveNumber });
  const rule = RULES.find((r) => r.test.test(text));
  if (rule) return ok({ id: rule.goal, wave: waveNumber });
  const message = `unknown goal; known goals: ${GOAL_IDS.join(', ')}`;
  return err(DomainError.validation(message, [{ path: 'goal', message }], 'unknown_goal'));
}
