import { type TenantId } from '../shared/tenant-id';
import { type PolicyDecision } from './ports/policy-engine.port';

/** Who did something to governance state, as recorded in versions and the audit log. */
export interface GovernanceActor {
  readonly kind: 'user' | 'api_key' | 'system';
  readonly id: string | null;
}

/** A named, versioned policy set of one project. */
export interface Policy {
  readonly tenantId: TenantId;
  readonly id: string;
  readonly projectId: string;
  readonly name: string;
  readonly latestVersion: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * One immutable version of a policy set. `cedar` is what is evaluated: written by hand, or
 * compiled from `rules` (kept so the rule form can be edited again).
 */
export interface PolicyVersion {
  readonly tenantId: TenantId;
  readonly id: string;
  readonly policyId: string;
  readonly version: number;
  readonly format: 'cedar' | 'rules';
  readonly cedar: string;
  readonly rules: unknown;
  readonly defaultDecision: PolicyDecision;
  readonly description: string | null;
  readonly createdAt: Date;
  readonly createdBy: GovernanceActor;
}

/** The version a project's decisions use now. */
export interface ActivePolicy {
  readonly policy: Policy;
  readonly version: PolicyVersion;
  readonly activatedAt: Date;
}

export const POLICY_NAME_MAX = 200;
