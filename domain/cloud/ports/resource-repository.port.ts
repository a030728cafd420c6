import { type KeysetPosition } from '../../shared/page';
import { type TenantId } from '../../shared/tenant-id';
import { type CloudProvider } from '../provider.entity';
import { type Resource, type ResourceState, type ResourceType } from '../resource.entity';
import { type DiscoveredResource } from './cloud.port';

export interface ResourceQuery {
  readonly providerId?: string;
  readonly region?: string;
  readonly type?: ResourceType;
  readonly state?: ResourceState;
  /** `key` (present) or `key=value`. */
  readonly tag?: { readonly key: string; readonly value?: string };
  /** Rows strictly after this (created_at, id) position, newest first. */
  readonly after?: KeysetPosition | null;
  /** Fetch `limit` rows; the caller asks for one more than it shows to learn whether a next page exists. */
  readonly limit: number;
}

export interface SyncCounts {
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
}

export abstract class ResourceRepository {
  /**
   * Inserts new resources and updates changed ones by (provider, external id); unchanged rows are
   * not written. Idempotent: the same page twice changes nothing the second time.
   */
  abstract upsertDiscovered(
    provider: CloudProvider,
    items: readonly DiscoveredResource[],
    now: Date,
    newId: () => string,
  ): Promise<SyncCounts>;
  /** After a complete listing: resources the provider no longer reports are marked terminated. */
  abstract markMissing(
    provider: CloudProvider,
    seenExternalIds: readonly string[],
    now: Date,
  ): Promise<readonly Resource[]>;
  abstract findById(tenantId: TenantId, id: string): Promise<Resource | null>;
  abstract findByExternalId(
    tenantId: TenantId,
    providerId: string,
    externalId: string,
  ): Promise<Resource | null>;
  abstract list(tenantId: TenantId, query: ResourceQuery): Promise<readonly Resource[]>;
  abstract listAll(
    tenantId: TenantId,
    filter?: { readonly providerId?: string },
  ): Promise<readonly Resource[]>;
  abstract listByIds(tenantId: TenantId, ids: readonly string[]): Promise<readonly Resource[]>;
  abstract save(resource: Resource): Promise<void>;
  abstract insert(resource: Resource): Promise<void>;
}
