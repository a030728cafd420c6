/** The three outcomes of a policy decision, strongest last. */
export const POLICY_DECISIONS = ['allow', 'require_approval', 'block'] as const;
export type PolicyDecision = (typeof POLICY_DECISIONS)[number];

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** One tool call to decide on: who calls which tool with what, in which run and environment. */
export interface PolicyRequest {
  readonly principal: { readonly type: 'agent' | 'user'; readonly id: string };
  readonly tool: string;
  /** The raw arguments; the engine turns them into a bounded, Cedar-safe summary for `context`. */
  readonly arguments: unknown;
  readonly risk: RiskLevel | null;
  readonly environment: string | null;
  readonly run: {
    readonly id: string;
    readonly name: string | null;
    readonly tags: readonly string[];
    readonly metadata: Readonly<Record<string, unknown>>;
  } | null;
}

/** A policy version as the engine needs it; `id` keys the parsed-once cache. */
export interface PolicySource {
  readonly versionId: string;
  readonly cedar: string;
  /** What applies when no policy of the set matches the call. */
  readonly defaultDecision: PolicyDecision;
}

export interface PolicyEvaluation {
  readonly decision: PolicyDecision;
  /** Human-readable: which policies decided (their `@id`/`@reason` annotations), or why the default applied. */
  readonly reasons: readonly string[];
  /** Ids of the Cedar policies that determined the decision. */
  readonly policyIds: readonly string[];
}

/** A syntax or schema error in Cedar text, 1-based line and column. */
export interface PolicyProblem {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export abstract class PolicyEngine {
  /** Syntax and schema validation of a policy set; empty when valid. */
  abstract check(cedar: string): readonly PolicyProblem[];
  /** Decides one call; parses each version once and reuses it. Never throws for a valid source. */
  abstract evaluate(source: PolicySource, request: PolicyRequest): PolicyEvaluation;
}
