import { validatePlan } from '../../domain/agents/plan';
import { AgentDirectory, ROSTER } from '../../domain/agents/roster';
import { ACTION_NAMES } from './agent-actions';
import { DeterministicPlanner } from './deterministic-planner';
import { GOAL_IDS } from './goals';

const planner = new DeterministicPlanner();
const directory = new AgentDirectory();
const known = new Set<string>(Object.values(ACTION_NAMES));
const context = { agents: directory.specialists(), actions: [], projectId: null };
const check = { findAgent: (c: string) => directory.find(c), actionExists: (n: string) => known.has(n) };

const planOf = async (goal: string, params: Record<string, unknown> = {}) => {
  const plan = await planner.plan(goal, params, context);
  if (!plan.ok) throw new Error(plan.error.message);
  return plan.value;
};

describe('DeterministicPlanner', () => {
  it.each(GOAL_IDS)('plans %s into a plan that passes validation', async (goal) => {
    const plan = await planOf(goal);
    expect(plan.goal).toBe(goal);
    expect(validatePlan(plan, check)).toEqual({ ok: true, value: plan });
  });

  it('maps "plan and execute wave 1" to running wave 1 after assessment, wave planning and TCO', async () => {
    const plan = await planOf('plan and execute wave 1', { migration_id: 'm-1' });
    expect(plan.goal).toBe('run_wave');
    expect(plan.tasks.map((t) => [t.key, t.agent, t.action, t.needs])).toEqual([
      ['assess', 'RSA', 'migration.assess', []],
      ['plan_waves', 'MVA', 'migration.plan_waves', ['assess']],
      ['tco', 'FIA', 'migration.tco', ['assess']],
      ['run_wave', 'MVA', 'migration.run_wave', ['plan_waves', 'tco']],
    ]);
    expect(plan.tasks[3]?.params).toEqual({ migration_id: 'm-1', wave: 1 });
  });

  it.each([
    ['execute wave 3', {}, 3],
    ['run_wave', {}, 1],
    ['run the next wave', { wave: 2 }, 2],
    ['run wave 5', { wave: '4' }, 4],
  ])('reads the wave of "%s" %j as %d', async (goal, params, wave) => {
    const plan = await planOf(goal, params);
    expect(plan.tasks.find((t) => t.key === 'run_wave')?.params.wave).toBe(wave);
  });

  it('refuses a wave that is not a positive whole number', async () => {
    const plan = await planner.plan('run_wave', { wave: 0 }, context);
    expect(plan).toEqual({
      ok: false,
      error: expect.objectContaining({ fields: [expect.objectContaining({ path: 'params.wave' })] }),
    });
  });

  it.each([
    ['assess the portfolio', 'assess_portfolio'],
    ['Assess Portfolio', 'assess_portfolio'],
    ['plan the migration waves', 'plan_migration'],
    ['plan-migration', 'plan_migration'],
    ['how is our cloud spend trending?', 'cost_review'],
    ['cost review', 'cost_review'],
    ['run a security review', 'security_review'],
    ['review open threats', 'security_review'],
  ])('maps "%s" to %s', async (goal, id) => {
    expect((await planOf(goal)).goal).toBe(id);
  });

  it('answers an unknown goal with a validation error that lists the known goals', async () => {
    const plan = await planner.plan('bake a cake', {}, context);
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.error.code).toBe('validation');
    expect(plan.error.fields[0]?.path).toBe('goal');
    for (const id of GOAL_IDS) expect(plan.error.message).toContain(id);
  });

  it('runs the cost review tasks in parallel, each with the agent that owns it', async () => {
    const plan = await planOf('cost_review');
    expect(plan.tasks.map((t) => [t.agent, t.action, t.needs.length])).toEqual([
      ['FIA', 'cost.analyze', 0],
      ['FIA', 'cost.forecast', 0],
      ['GA', 'threats.review', 0],
      ['PMA', 'runs.health', 0],
    ]);
  });
});

describe('the roster and the action names', () => {
  it('grants only action names the agents context knows', () => {
    for (const agent of ROSTER) for (const p of agent.permissions) expect(known).toContain(p);
  });

  it('gives every action name to exactly the specialist that owns it', () => {
    const owners = Object.fromEntries(ROSTER.map((a) => [a.code, [...a.permissions].sort()]));
    expect(owners).toEqual({
      EPA: [],
      RSA: ['migration.assess'],
      FIA: ['cost.analyze', 'cost.forecast', 'migration.tco'],
      GA: ['migration.cutover_gate', 'policy.evaluate', 'threats.review'],
      MVA: ['migration.complete', 'migration.plan_wave', 'migration.plan_waves', 'migration.run_wave'],
      DOA: [
        'cloud.lifecycle',
        'migration.cutover',
        'migration.execute_workload',
        'migration.rollback_workload',
      ],
      PMA: ['migration.validate', 'runs.health'],
    });
    expect(Object.values(owners).flat().sort()).toEqual([...known].sort());
  });
});
