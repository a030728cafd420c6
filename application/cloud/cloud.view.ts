import { z } from 'zod';
import { CLOUD_KINDS } from '../../domain/cloud/cloud-kind';
import { PROVIDER_STATUSES, type CloudProvider } from '../../domain/cloud/provider.entity';
import { RESOURCE_STATES, RESOURCE_TYPES, type Resource } from '../../domain/cloud/resource.entity';

export const ProviderView = z.object({
  id: z.uuid(),
  kind: z.enum(CLOUD_KINDS),
  name: z.string(),
  regions: z.array(z.string()),
  status: z.enum(PROVIDER_STATUSES),
  account: z.string().nullable(),
  last_sync_at: z.iso.datetime().nullable(),
  last_error: z.string().nullable(),
  credentials: z.record(z.string(), z.string()).describe('Masked: secrets are always ****'),
  credential_key_id: z.string().nullable(),
  created_at: z.iso.datetime(),
});
export type ProviderView = z.infer<typeof ProviderView>;

export const toProviderView = (p: CloudProvider): ProviderView => ({
  id: p.id,
  kind: p.kind,
  name: p.name,
  regions: [...p.regions],
  status: p.status,
  account: p.account,
  last_sync_at: p.lastSyncAt?.toISOString() ?? null,
  last_error: p.lastError,
  credentials: { ...p.maskedCredentials },
  credential_key_id: p.credentialKeyId,
  created_at: p.createdAt.toISOString(),
});

export const ResourceView = z.object({
  id: z.uuid(),
  provider_id: z.uuid(),
  provider: z.enum(CLOUD_KINDS),
  external_id: z.string(),
  name: z.string(),
  region: z.string(),
  type: z.enum(RESOURCE_TYPES),
  size: z.string().nullable(),
  state: z.enum(RESOURCE_STATES),
  provider_state: z.string(),
  tags: z.record(z.string(), z.string()),
  cost_per_hour: z.number(),
  config: z.record(z.string(), z.unknown()),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
  synced_at: z.iso.datetime().nullable(),
});
export type ResourceView = z.infer<typeof ResourceView>;

/** A lifecycle action the project's policy holds for a human decision (HTTP answers it with 202). */
export const ApprovalRequiredView = z.object({
  status: z.literal('approval_required'),
  approval_id: z.uuid(),
  run_id: z.string(),
  step_id: z.string(),
  tool: z.string(),
  payload_hash: z.string(),
  expires_at: z.string(),
  reasons: z.array(z.string()),
});
export type ApprovalRequired = z.infer<typeof ApprovalRequiredView>;

/** Tells a lifecycle action's outcome that waits for an approval from the resource it acted on. */
export const isApprovalRequired = (value: object): value is ApprovalRequired =>
  (value as { status?: unknown }).status === 'approval_required';

/** Config facts leave the API in snake_case, like everything else. */
const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [snake(k), snakeKeys(v)]));
  }
  return value;
}

export const toResourceView = (r: Resource): ResourceView => ({
  id: r.id,
  provider_id: r.providerId,
  provider: r.providerKind,
  external_id: r.externalId,
  name: r.name,
  region: r.region,
  type: r.type,
  size: r.size,
  state: r.state,
  provider_state: r.providerState,
  tags: { ...r.tags },
  cost_per_hour: r.costPerHour,
  config: snakeKeys(r.config) as Record<string, unknown>,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
  synced_at: r.syncedAt?.toISOString() ?? null,
});

export const SyncView = z.object({
  provider_id: z.uuid(),
  status: z.enum(['succeeded', 'failed']),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  removed: z.number().int(),
  cost_records: z.number().int(),
  findings: z.number().int(),
  alerts: z.number().int(),
  duration_ms: z.number().int(),
  error: z.string().nullable(),
});
export type SyncView = z.infer<typeof SyncView>;
