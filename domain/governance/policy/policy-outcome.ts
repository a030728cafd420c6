import { POLICY_DECISIONS, type PolicyDecision, type PolicyEvaluation } from '../ports/policy-engine.port';

/**
 * The three-valued decision on top of Cedar's two effects. Cedar says which policies were satisfied
 * and which could not be evaluated; this module alone says what that means:
 *
 * - a satisfied `forbid` blocks;
 * - else a satisfied `permit` annotated `@decision("require_approval")` requires approval;
 * - else a satisfied `permit` allows;
 * - else the version's default decision applies.
 *
 * A policy that errors (e.g. reads a missing attribute without a `has` guard) is skipped by Cedar.
 * Skipping is unsafe for the policies that restrict, so errors fail closed: an erroring `forbid`
 * counts as satisfied (block), an erroring require-approval `permit` likewise (approval). An
 * erroring plain `permit` is ignored: it could only have loosened the decision. Every error is
 * named in the reasons.
 */

/** What the engine knows of one policy of a set, read from its annotations. */
export interface PolicyMeta {
  /** `@id`, else Cedar's positional id (`policy0`, ...). */
  readonly id: string;
  readonly effect: 'permit' | 'forbid';
  /** What the policy decides when satisfied: `block` for a forbid, else its `@decision`. */
  readonly decision: PolicyDecision;
  /** `@reason`, else the id. */
  readonly label: string;
}

export interface PolicyError {
  readonly policy: PolicyMeta;
  readonly message: string;
}

export interface CedarOutcome {
  readonly satisfied: readonly PolicyMeta[];
  readonly errored: readonly PolicyError[];
}

const strength = (decision: PolicyDecision): number => POLICY_DECISIONS.indexOf(decision);

/** What an erroring policy counts as, failing closed; null when it is ignored. */
function failClosed(policy: PolicyMeta): PolicyDecision | null {
  return policy.decision === 'allow' ? null : policy.decision;
}

export function decideOutcome(outcome: CedarOutcome, defaultDecision: PolicyDecision): PolicyEvaluation {
  let decision: PolicyDecision | null = null;
  const consider = (candidate: PolicyDecision | null): void => {
    if (candidate !== null && (decision === null || strength(candidate) > strength(decision)))
      decision = candidate;
  };
  outcome.satisfied.forEach((policy) => consider(policy.decision));
  outcome.errored.forEach((error) => consider(failClosed(error.policy)));

  const errorNotes = outcome.errored.map((error) => {
    const counted = failClosed(error.policy);
    const effect = counted === null ? 'ignored' : `counted as ${counted} (fail closed)`;
    return `policy ${error.policy.id} could not be evaluated: ${error.message}; ${effect}`;
  });

  const decided = decision as PolicyDecision | null;
  if (decided === null) {
    return {
      decision: defaultDecision,
      reasons: [`no policy matched; default ${defaultDecision}`, ...errorNotes],
      policyIds: [],
    };
  }
  const determining = outcome.satisfied.filter((policy) => policy.decision === decided);
  const failedClosed = outcome.errored.filter((error) => failClosed(error.policy) === decided);
  return {
    decision: decided,
    reasons: [...determining.map((policy) => policy.label), ...errorNotes],
    policyIds: [...determining.map((policy) => policy.id), ...failedClosed.map((error) => error.policy.id)],
  };
}
