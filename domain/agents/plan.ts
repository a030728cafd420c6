import { DomainError, type FieldError } from '../shared/domain-error';
import { type Result, err, ok } from '../shared/result';
import { type Agent } from './agent.entity';

/** One delegated task: `agent` performs `action` with `params` once every task in `needs` succeeded. */
export interface PlanTask {
  readonly key: string;
  readonly agent: string;
  readonly action: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly needs: readonly string[];
  /** The L2 hands the task to an L1 worker holding only this action. */
  readonly worker?: boolean;
}

export interface Plan {
  /** The goal id the plan serves (`run_wave`), or the goal text for a free-form plan. */
  readonly goal: string;
  readonly summary: string;
  readonly tasks: readonly PlanTask[];
}

export const PLAN_LIMITS = {
  maxTasks: 50,
  maxNeeds: 20,
  /** Serialized params of one task. */
  maxParamsBytes: 16_384,
} as const;

const KEY = /^[A-Za-z0-9][\w.:-]{0,63}$/;

export interface PlanCheck {
  readonly findAgent: (code: string) => Agent | undefined;
  /** Actions this process can perform; a plan naming another one cannot run. */
  readonly actionExists: (name: string) => boolean;
}

/**
 * A plan runs only when it is acyclic, small, names known tasks in `needs`, and gives each task to
 * an active L2 specialist that holds its action. Whoever wrote the plan (rules or an LLM), these
 * checks are the same; every problem is reported as a field error (`tasks.2.agent`).
 */
export function validatePlan(plan: Plan, check: PlanCheck): Result<Plan> {
  const fields: FieldError[] = [];
  const add = (path: string, message: string): void => void fields.push({ path, message });
  if (plan.tasks.length === 0) add('tasks', 'a plan has at least one task');
  if (plan.tasks.length > PLAN_LIMITS.maxTasks) add('tasks', `at most ${PLAN_LIMITS.maxTasks} tasks`);

  const keys = new Set<string>();
  plan.tasks.forEach((task, i) => {
    const at = `tasks.${i}`;
    if (!KEY.test(task.key)) add(`${at}.key`, 'letters, digits and _ . : - only, at most 64');
    else if (keys.has(task.key)) add(`${at}.key`, `duplicate key "${task.key}"`);
    keys.add(task.key);

    const agent = check.findAgent(task.agent);
    if (!agent) add(`${at}.agent`, `unknown agent "${task.agent}"`);
    else if (agent.level !== 'L2')
      add(`${at}.agent`, `${task.agent} is ${agent.level}: tasks go to L2 specialists`);
    else if (!agent.isActive) add(`${at}.agent`, `${task.agent} is disabled`);
    else if (!agent.holds(task.action))
      add(`${at}.action`, `${task.agent} is not permitted to perform ${task.action}`);
    if (!check.actionExists(task.action)) add(`${at}.action`, `unknown action "${task.action}"`);

    if (serializedSize(task.params) > PLAN_LIMITS.maxParamsBytes) {
      add(`${at}.params`, `at most ${PLAN_LIMITS.maxParamsBytes} bytes`);
    }
    if (task.needs.length > PLAN_LIMITS.maxNeeds) add(`${at}.needs`, `at most ${PLAN_LIMITS.maxNeeds}`);
  });

  plan.tasks.forEach((task, i) => {
    const seen = new Set<string>();
    task.needs.forEach((need, j) => {
      const at = `tasks.${i}.needs.${j}`;
      if (need === task.key) add(at, 'a task cannot need itself');
      else if (!keys.has(need)) add(at, `unknown task "${need}"`);
      else if (seen.has(need)) add(at, `"${need}" is listed twice`);
      seen.add(need);
    });
  });

  const cyclic = tasksInCycles(plan.tasks);
  if (cyclic.length > 0) add('tasks', `the tasks ${cyclic.join(', ')} form a cycle`);

  if (fields.length > 0) return err(DomainError.validation('the plan is invalid', fields, 'invalid_plan'));
  return ok(plan);
}

/** Keys left over when tasks are removed in dependency order (Kahn): those on or behind a cycle. */
function tasksInCycles(tasks: readonly PlanTask[]): string[] {
  const known = new Set(tasks.map((t) => t.key));
  const remaining = new Map(
    tasks.map((t) => [t.key, new Set(t.needs.filter((n) => known.has(n) && n !== t.key))]),
  );
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const [key, needs] of remaining) {
      if ([...needs].every((n) => !remaining.has(n))) {
        remaining.delete(key);
        progressed = true;
      }
    }
  }
  return [...remaining.keys()].sort();
}

function serializedSize(value: unknown): number {
  try {
    return JSON.stringify(value ?? null).length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
