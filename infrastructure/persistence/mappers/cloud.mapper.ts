import { type CloudKind } from '../../../domain/cloud/cloud-kind';
import { type CloudProvider, type ProviderStatus } from '../../../domain/cloud/provider.entity';
import {
  type Resource,
  type ResourceConfig,
  type ResourceState,
  type ResourceType,
} from '../../../domain/cloud/resource.entity';
import { asTenantId } from '../../../domain/shared/tenant-id';

const date = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));
const maybeDate = (value: Date | string | null): Date | null => (value === null ? null : date(value));

export interface ProviderRow {
  tenant_id: string;
  id: string;
  kind: CloudKind;
  name: string;
  regions: string[];
  status: ProviderStatus;
  account: string | null;
  last_sync_at: Date | string | null;
  last_error: string | null;
  credential_key_id: string;
  credentials_masked: Record<string, string>;
  created_at: Date | string;
}

/** The sealed credentials are never selected into a provider: only `credentials()` reads them. */
export const PROVIDER_COLUMNS =
  'tenant_id, id, kind, name, regions, status, account, last_sync_at, last_error, credential_key_id, credentials_masked, created_at';

export const toProvider = (row: ProviderRow): CloudProvider => ({
  tenantId: asTenantId(row.tenant_id),
  id: row.id,
  kind: row.kind,
  name: row.name,
  regions: row.regions,
  status: row.status,
  account: row.account,
  lastSyncAt: maybeDate(row.last_sync_at),
  lastError: row.last_error,
  credentialKeyId: row.credential_key_id,
  maskedCredentials: row.credentials_masked,
  createdAt: date(row.created_at),
});

export interface ResourceRow {
  tenant_id: string;
  id: string;
  provider_id: string;
  provider_kind: CloudKind;
  external_id: string;
  name: string;
  region: string;
  type: ResourceType;
  size: string | null;
  state: ResourceState;
  provider_state: string;
  tags: Record<string, string>;
  cost_per_hour: string | number;
  config: ResourceConfig;
  created_at: Date | string;
  updated_at: Date | string;
  synced_at: Date | string | null;
}

export const toResource = (row: ResourceRow): Resource => ({
  tenantId: asTenantId(row.tenant_id),
  id: row.id,
  providerId: row.provider_id,
  providerKind: row.provider_kind,
  externalId: row.external_id,
  name: row.name,
  region: row.region,
  type: row.type,
  size: row.size,
  state: row.state,
  providerState: row.provider_state,
  tags: row.tags,
  costPerHour: Number(row.cost_per_hour),
  config: row.config,
  createdAt: date(row.created_at),
  updatedAt: date(row.updated_at),
  syncedAt: maybeDate(row.synced_at),
});
