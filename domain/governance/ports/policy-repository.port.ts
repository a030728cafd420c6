import { type TenantId } from '../../shared/tenant-id';
import { type ActivePolicy, type GovernanceActor, type Policy, type PolicyVersion } from '../policy.entity';

export interface NewPolicyVersion {
  readonly format: PolicyVersion['format'];
  readonly cedar: string;
  readonly rules: unknown;
  readonly defaultDecision: PolicyVersion['defaultDecision'];
  readonly description: string | null;
  readonly createdBy: GovernanceActor;
  readonly at: Date;
}

export abstract class PolicyRepository {
  /** Adds the next version of the project's policy named `name`, creating the policy at version 1. */
  abstract addVersion(
    tenantId: TenantId,
    projectId: string,
    name: string,
    version: NewPolicyVersion,
  ): Promise<{ policy: Policy; version: PolicyVersion }>;
  abstract findPolicy(tenantId: TenantId, policyId: string): Promise<Policy | null>;
  abstract list(tenantId: TenantId, projectId?: string): Promise<readonly Policy[]>;
  abstract versions(tenantId: TenantId, policyId: string): Promise<readonly PolicyVersion[]>;
  abstract findVersion(tenantId: TenantId, policyId: string, version: number): Promise<PolicyVersion | null>;
  abstract activate(
    tenantId: TenantId,
    projectId: string,
    versionId: string,
    by: GovernanceActor,
    at: Date,
  ): Promise<void>;
  abstract active(tenantId: TenantId, projectId: string): Promise<ActivePolicy | null>;
  abstract findVersionById(tenantId: TenantId, versionId: string): Promise<PolicyVersion | null>;
  /** For each policy holding its project's active version: that version's number, by policy id. */
  abstract activeVersionNumbers(tenantId: TenantId): Promise<ReadonlyMap<string, number>>;
}
