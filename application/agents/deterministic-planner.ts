import { type Plan, type PlanTask } from '../../domain/agents/plan';
import { Planner, type PlanningContext } from '../../domain/agents/ports/planner.port';
import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { ACTION_NAMES as A } from './agent-actions';
import { GOAL_DESCRIPTIONS, type GoalId, matchGoal } from './goals';

type Params = Readonly<Record<string, unknown>>;

const task = (
  key: string,
  agent: string,
  action: string,
  params: Params,
  needs: string[] = [],
): PlanTask => ({
  key,
  agent,
  action,
  params,
  needs,
});

/** The risky calls a security review asks the active policy about. */
const RISKY_CALLS = [
  { agent: 'DOA', tool: 'cloud.terminate', risk: 'high' },
  { agent: 'DOA', tool: 'cloud.stop', risk: 'medium' },
  { agent: 'DOA', tool: 'migration.cutover', risk: 'high' },
  { agent: 'DOA', tool: 'migration.rollback_workload', risk: 'high' },
] as const;

const pick = (params: Params, keys: readonly string[]): Params =>
  Object.fromEntries(keys.filter((k) => params[k] !== undefined).map((k) => [k, params[k]]));

const CAPS = ['max_wave_size', 'max_wave_risk'];

const assessThenPlan = (params: Params): PlanTask[] => [
  task('assess', 'RSA', A.migrationAssess, pick(params, ['goals'])),
  task('plan_waves', 'MVA', A.migrationPlanWaves, pick(params, CAPS), ['assess']),
  task('tco', 'FIA', A.migrationTco, pick(params, CAPS), ['assess']),
];

const BUILDERS: Readonly<Record<GoalId, (params: Params, wave: number) => PlanTask[]>> = {
  assess_portfolio: (params) => [
    task('assess', 'RSA', A.migrationAssess, pick(params, ['goals'])),
    task('tco', 'FIA', A.migrationTco, pick(params, CAPS), ['assess']),
    task('threats', 'GA', A.threatsReview, pick(params, ['provider', 'min_severity'])),
  ],
  plan_migration: assessThenPlan,
  run_wave: (params, wave) => [
    ...assessThenPlan(params),
    task('run_wave', 'MVA', A.migrationRunWave, { ...params, wave }, ['plan_waves', 'tco']),
  ],
  cost_review: (params) => [
    task('costs', 'FIA', A.costAnalyze, { group_by: 'service', ...pick(params, ['from', 'to', 'provider']) }),
    task('forecast', 'FIA', A.costForecast, { days: 30, ...pick(params, ['days', 'provider']) }),
    task('threats', 'GA', A.threatsReview, pick(params, ['provider', 'min_severity'])),
    task('health', 'PMA', A.runsHealth, pick(params, ['window_hours'])),
  ],
  security_review: (params) => [
    task('threats', 'GA', A.threatsReview, pick(params, ['provider', 'min_severity'])),
    task('policy', 'GA', A.policyEvaluate, { calls: RISKY_CALLS.map((c) => ({ ...c })) }),
    task('health', 'PMA', A.runsHealth, pick(params, ['window_hours'])),
  ],
};

/**
 * Fixed plans for the known goals: the planner bound to the Planner port when no AI provider is
 * configured. Goal text is matched by id or keywords (see goals.ts).
 */
export class DeterministicPlanner extends Planner {
  readonly name = 'deterministic';

  async plan(goal: string, params: Params, _context: PlanningContext): Promise<Result<Plan>> {
    const matched = matchGoal(goal);
    if (!matched.ok) return matched;
    const wave = waveOf(params, matched.value.wave);
    if (!wave.ok) return wave;
    const { id } = matched.value;
    return ok({ goal: id, summary: GOAL_DESCRIPTIONS[id], tasks: BUILDERS[id](params, wave.value) });
  }
}

/** params.wave wins over a wave named in the text; the default is wave 1. */
function waveOf(params: Params, fromText: number | null): Result<number> {
  const given = params.wave;
  if (given === undefined) return ok(fromText ?? 1);
  const wave = typeof given === 'string' && /^\d+$/.test(given) ? Number(given) : given;
  if (typeof wave === 'number' && Number.isInteger(wave) && wave >= 1 && wave <= 1000) return ok(wave);
  const message = 'a whole number from 1 to 1000';
  return err(DomainError.validation('invalid wave', [{ path: 'params.wave', message }]));
}
