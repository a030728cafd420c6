import { DomainError } from '../shared/domain-error';
import { type Result, err } from '../shared/result';
import { Agent } from './agent.entity';
import { authorizeAction } from './authorize-action';

const TASK_KEY = /^[\w.:-]{1,100}$/;

/**
 * An L2 creates an L1 worker for one task: the worker holds exactly that one action (never a
 * wildcard, never more than its L2), so a worker misled by its input cannot do anything else.
 */
export function spawnWorker(l2: Agent, action: string, taskKey: string): Result<Agent> {
  if (l2.level !== 'L2') {
    return err(
      DomainError.forbidden(`only an L2 agent spawns workers (${l2.code} is ${l2.level})`, 'not_l2'),
    );
  }
  if (!TASK_KEY.test(taskKey)) {
    const message = 'letters, digits and _ . : - only, at most 100';
    return err(DomainError.validation('invalid task key', [{ path: 'task_key', message }]));
  }
  const allowed = authorizeAction(l2, action);
  if (!allowed.ok) return allowed;
  return Agent.create({
    code: `${l2.code}.L1.${taskKey}`,
    name: `${l2.name} worker`,
    level: 'L1',
    role: `${l2.role} (worker)`,
    description: `Performs ${action} for task ${taskKey} on behalf of ${l2.code}.`,
    skills: [],
    permissions: [action],
    parent: l2.code,
    status: 'active',
  });
}
