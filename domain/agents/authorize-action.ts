import { DomainError } from '../shared/domain-error';
import { type Result, err, ok } from '../shared/result';
import { type Agent } from './agent.entity';

/** The IAM decision for one call: a disabled agent does nothing; an active one only what it holds. */
export function authorizeAction(agent: Agent, action: string): Result<Agent> {
  if (!agent.isActive) {
    return err(DomainError.forbidden(`agent ${agent.code} is disabled`, 'agent_disabled'));
  }
  if (!agent.holds(action)) {
    return err(
      DomainError.forbidden(
        `agent ${agent.code} is not permitted to perform ${action}`,
        'action_not_permitted',
      ),
    );
  }
  return ok(agent);
}
