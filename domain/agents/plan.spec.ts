import { type Plan, type PlanTask, PLAN_LIMITS, validatePlan } from './plan';
import { AgentDirectory, ROSTER } from './roster';

const directory = new AgentDirectory();
const actions = new Set(ROSTER.flatMap((a) => a.permissions));
const check = { findAgent: (c: string) => directory.find(c), actionExists: (n: string) => actions.has(n) };

const task = (key: string, overrides: Partial<PlanTask> = {}): PlanTask => ({
  key,
  agent: 'FIA',
  action: 'cost.analyze',
  params: {},
  needs: [],
  ...overrides,
});
const plan = (...tasks: PlanTask[]): Plan => ({ goal: 'cost_review', summary: '', tasks });

const fieldsOf = (p: Plan) => {
  const result = validatePlan(p, check);
  if (result.ok) throw new Error('expected the plan to be rejected');
  expect(result.error.code).toBe('validation');
  expect(result.error.reason).toBe('invalid_plan');
  return result.error.fields;
};

describe('validatePlan', () => {
  it('accepts a DAG of L2 tasks whose agents hold their actions', () => {
    const p = plan(task('costs'), task('forecast', { action: 'cost.forecast', needs: ['costs'] }));
    expect(validatePlan(p, check)).toEqual({ ok: true, value: p });
  });

  it('rejects a cycle and names the tasks on it', () => {
    const fields = fieldsOf(
      plan(task('a', { needs: ['c'] }), task('b', { needs: ['a'] }), task('c', { needs: ['b'] }), task('d')),
    );
    expect(fields).toEqual([{ path: 'tasks', message: 'the tasks a, b, c form a cycle' }]);
  });

  it('rejects an unknown agent on its field', () => {
    expect(fieldsOf(plan(task('a'), task('b', { agent: 'XYZ' })))).toEqual([
      { path: 'tasks.1.agent', message: 'unknown agent "XYZ"' },
    ]);
  });

  it('rejects an action the agent does not hold', () => {
    expect(fieldsOf(plan(task('a', { agent: 'PMA', action: 'cloud.lifecycle' })))).toEqual([
      { path: 'tasks.0.action', message: 'PMA is not permitted to perform cloud.lifecycle' },
    ]);
  });

  it('rejects a task for the orchestrator: EPA delegates, it does not perform', () => {
    expect(fieldsOf(plan(task('a', { agent: 'EPA' })))).toEqual([
      { path: 'tasks.0.agent', message: 'EPA is L3: tasks go to L2 specialists' },
    ]);
  });

  it('rejects an action no one can perform here', () => {
    const noActions = { ...check, actionExists: () => false };
    const result = validatePlan(plan(task('a')), noActions);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.fields).toEqual([
        { path: 'tasks.0.action', message: 'unknown action "cost.analyze"' },
      ]);
  });

  it('rejects a disabled agent', () => {
    const disabled = new AgentDirectory(ROSTER.map((a) => (a.code === 'FIA' ? a.disable() : a)));
    const result = validatePlan(plan(task('a')), { ...check, findAgent: (c) => disabled.find(c) });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.fields).toEqual([{ path: 'tasks.0.agent', message: 'FIA is disabled' }]);
  });

  it('rejects duplicate keys, unknown, repeated and self needs', () => {
    expect(fieldsOf(plan(task('a'), task('a'), task('b', { needs: ['a', 'a', 'zz', 'b'] })))).toEqual([
      { path: 'tasks.1.key', message: 'duplicate key "a"' },
      { path: 'tasks.2.needs.1', message: '"a" is listed twice' },
      { path: 'tasks.2.needs.2', message: 'unknown task "zz"' },
      { path: 'tasks.2.needs.3', message: 'a task cannot need itself' },
    ]);
  });

  it('caps the size of a plan and of its params', () => {
    const many = Array.from({ length: PLAN_LIMITS.maxTasks + 1 }, (_, i) => task(`t${i}`));
    expect(fieldsOf(plan(...many))).toContainEqual({
      path: 'tasks',
      message: `at most ${PLAN_LIMITS.maxTasks} tasks`,
    });
    const big = task('a', { params: { blob: 'x'.repeat(PLAN_LIMITS.maxParamsBytes) } });
    expect(fieldsOf(plan(big))).toEqual([
      { path: 'tasks.0.params', message: `at most ${PLAN_LIMITS.maxParamsBytes} bytes` },
    ]);
  });

  it('rejects an empty plan and a malformed key', () => {
    expect(fieldsOf(plan())).toEqual([{ path: 'tasks', message: 'a plan has at least one task' }]);
    expect(fieldsOf(plan(task('has space')))[0]?.path).toBe('tasks.0.key');
  });
});
