import { type Result } from '../../shared/result';
import { type TenantId } from '../../shared/tenant-id';
import { type CloudKind } from '../cloud-kind';
import { type Credentials } from '../credentials';
import {
  type LifecycleAction,
  type ResourceConfig,
  type ResourceState,
  type ResourceType,
} from '../resource.entity';

/** What an adapter needs to talk to one connected account. */
export interface CloudConnection {
  readonly tenantId: TenantId;
  readonly providerId: string;
  readonly credentials: Credentials;
  /** Regions the user chose; an adapter with regional APIs lists these (all enabled ones when empty). */
  readonly regions: readonly string[];
}

export interface ConnectionInfo {
  /** Account id, subscription id or project id the credentials reach. */
  readonly account: string;
  /** Regions the account can use (for the provider record). */
  readonly regions: readonly string[];
}

/** A resource as the provider reports it, before it has an inventory id. */
export interface DiscoveredResource {
  readonly externalId: string;
  readonly name: string;
  readonly region: string;
  readonly type: ResourceType;
  readonly size: string | null;
  readonly state: ResourceState;
  readonly providerState: string;
  readonly tags: Readonly<Record<string, string>>;
  /** List price per hour in USD when the adapter knows it; null lets the inventory keep its own. */
  readonly costPerHour: number | null;
  readonly config: ResourceConfig;
  readonly createdAt: Date | null;
}

export interface ResourcePage {
  readonly items: readonly DiscoveredResource[];
  /** Opaque to callers; null on the last page. Adapters fold region iteration into it. */
  readonly nextPageToken: string | null;
}

export interface ResourceRef {
  readonly externalId: string;
  readonly region: string;
  readonly type: ResourceType;
}

export interface CreateResourceSpec {
  readonly name: string;
  readonly region: string;
  readonly type: 'vm';
  readonly size: string;
  readonly image?: string;
  readonly tags: Readonly<Record<string, string>>;
}

export interface LifecycleOutcome {
  /** The state the resource is heading to (or is in). */
  readonly state: ResourceState;
  readonly providerState: string;
}

/** One day of spend reported (or estimated) by the provider. */
export interface CostLine {
  /** UTC day, `YYYY-MM-DD`. */
  readonly day: string;
  readonly service: string;
  readonly region: string;
  /** The provider's resource id when the cost API attributes the line to one. */
  readonly externalId: string | null;
  readonly amountUsd: number;
  /** True when computed from list prices × run time rather than billed. */
  readonly estimated: boolean;
}

export interface RightsizingHint {
  readonly externalId: string;
  readonly currentSize: string;
  readonly suggestedSize: string;
  readonly monthlySavingsUsd: number;
  readonly reason: string;
}

/**
 * One cloud behind one interface. Each adapter talks to its cloud through the vendor's official
 * SDK; expected failures (rejected credentials, throttling, a missing instance) come back as
 * `DomainError` values with reasons `provider_auth_failed`, `provider_unavailable`,
 * `provider_not_found` or `provider_rejected`, never as thrown SDK errors.
 */
export abstract class CloudPort {
  abstract readonly kind: CloudKind;
  abstract testConnection(connection: CloudConnection): Promise<Result<ConnectionInfo>>;
  /** One page of the inventory; call again with `nextPageToken` until it is null. */
  abstract listResources(
    connection: CloudConnection,
    pageToken: string | null,
  ): Promise<Result<ResourcePage>>;
  abstract create(connection: CloudConnection, spec: CreateResourceSpec): Promise<Result<DiscoveredResource>>;
  abstract act(
    connection: CloudConnection,
    resource: ResourceRef,
    action: LifecycleAction,
  ): Promise<Result<LifecycleOutcome>>;
  /** Daily cost lines for `[from, to)` (UTC days, `YYYY-MM-DD`). */
  abstract costs(
    connection: CloudConnection,
    range: { readonly from: string; readonly to: string },
  ): Promise<Result<readonly CostLine[]>>;
  /** Right-sizing advice when the provider computes it from utilisation; empty when it does not. */
  abstract rightsizing(connection: CloudConnection): Promise<Result<readonly RightsizingHint[]>>;
}
