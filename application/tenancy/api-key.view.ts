import { z } from 'zod';
import { type ApiKey } from '../../domain/tenancy/api-key.entity';
import { API_KEY_ROLES } from '../../domain/tenancy/role';

/** What listings show of a key: never the key itself, never its digest. */
export const ApiKeyView = z.object({
  id: z.uuid(),
  tenant_id: z.uuid(),
  project_id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe('The public part of the key, to tell keys apart'),
  role: z.enum(API_KEY_ROLES),
  created_at: z.iso.datetime(),
  last_used_at: z.iso.datetime().nullable(),
  expires_at: z.iso.datetime().nullable(),
  revoked_at: z.iso.datetime().nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;

export const CreatedApiKeyView = ApiKeyView.extend({
  key: z.string().describe('The secret key. Shown once: store it now, it cannot be retrieved again.'),
});
export type CreatedApiKeyView = z.infer<typeof CreatedApiKeyView>;

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export const toApiKeyView = (key: ApiKey): ApiKeyView => ({
  id: key.id,
  tenant_id: key.tenantId,
  project_id: key.projectId,
  name: key.name,
  prefix: key.prefix,
  role: key.role,
  created_at: key.createdAt.toISOString(),
  last_used_at: iso(key.lastUsedAt),
  expires_at: iso(key.expiresAt),
  revoked_at: iso(key.revokedAt),
});
