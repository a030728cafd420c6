import { DomainError } from '../shared/domain-error';
import { type Result, err, ok } from '../shared/result';
import { type TenantId } from '../shared/tenant-id';
import { type CloudKind } from './cloud-kind';

export const RESOURCE_STATES = ['pending', 'running', 'stopped', 'terminated'] as const;
export type ResourceState = (typeof RESOURCE_STATES)[number];

export const RESOURCE_TYPES = [
  'vm',
  'bucket',
  'disk',
  'database',
  'llm_endpoint',
  'vector_db',
  'security_group',
  'iam_policy',
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export const LIFECYCLE_ACTIONS = ['start', 'stop', 'terminate'] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

export interface IngressRule {
  readonly port: number;
  /** Inclusive upper bound of a port range; equal to `port` for one port. */
  readonly toPort?: number;
  readonly protocol: string;
  readonly cidr: string;
}

export interface IamStatement {
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/**
 * Configuration facts the threat rules read. Every fact is optional: an adapter sets what its
 * cloud exposes, and a rule that lacks its fact stays silent rather than guessing.
 */
export interface ResourceConfig {
  readonly ingress?: readonly IngressRule[];
  readonly publicIp?: string | null;
  /** Buckets: readable by anyone. */
  readonly publicAccess?: boolean;
  readonly diskEncrypted?: boolean;
  readonly terminationProtection?: boolean;
  readonly iamStatements?: readonly IamStatement[];
  readonly cpus?: number;
  readonly memoryGb?: number;
  readonly image?: string;
  /** 95th percentile utilisation over the last 14 days, 0–100, when the provider reports it. */
  readonly cpuP95?: number;
  readonly memoryP95?: number;
}

/** A cloud resource as the inventory knows it. */
export interface Resource {
  readonly tenantId: TenantId;
  readonly id: string;
  readonly providerId: string;
  readonly providerKind: CloudKind;
  /** The provider's own id (instance id, ARM id, self link). Unique per provider. */
  readonly externalId: string;
  readonly name: string;
  readonly region: string;
  readonly type: ResourceType;
  /** Instance type / VM size / machine type, or a storage class. */
  readonly size: string | null;
  readonly state: ResourceState;
  /** The provider's own state word (`stopping`, `deallocated`, `STAGING`…). */
  readonly providerState: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly costPerHour: number;
  readonly config: ResourceConfig;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly syncedAt: Date | null;
}

const TRANSITIONS: Readonly<Record<LifecycleAction, { from: readonly ResourceState[]; to: ResourceState }>> =
  {
    start: { from: ['stopped'], to: 'running' },
    stop: { from: ['running'], to: 'stopped' },
    terminate: { from: ['pending', 'running', 'stopped'], to: 'terminated' },
  };

/** Only machines have a lifecycle; a bucket or a policy cannot be started or stopped. */
const LIFECYCLE_TYPES: ReadonlySet<ResourceType> = new Set(['vm', 'database', 'llm_endpoint', 'vector_db']);

/**
 * The lifecycle state machine: pending → running ⇄ stopped → terminated. An illegal transition is
 * a conflict, and so is acting on a resource that has no lifecycle.
 */
export function transition(resource: Resource, action: LifecycleAction): Result<ResourceState> {
  if (action !== 'terminate' && !LIFECYCLE_TYPES.has(resource.type)) {
    return err(
      DomainError.conflict(
        `a ${resource.type} cannot be ${action === 'start' ? 'started' : 'stopped'}`,
        'no_lifecycle',
      ),
    );
  }
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(resource.state)) {
    return err(
      DomainError.conflict(
        `cannot ${action} a ${resource.state} resource (allowed from ${rule.from.join(', ')})`,
        'illegal_transition',
      ),
    );
  }
  return ok(rule.to);
}

/** Whether going from `from` to `to` follows the machine (sync may skip steps, never go back from terminated). */
export function isLegalObservation(from: ResourceState, to: ResourceState): boolean {
  return from !== 'terminated' || to === 'terminated';
}
