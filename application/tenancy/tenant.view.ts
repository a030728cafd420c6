import { z } from 'zod';
import { TENANT_PLANS, type Tenant } from '../../domain/tenancy/tenant.entity';

export const TenantView = z.object({
  id: z.uuid(),
  name: z.string(),
  plan: z.enum(TENANT_PLANS),
  retention_days: z.number().int().describe('How long runs are kept, from the plan'),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});
export type TenantView = z.infer<typeof TenantView>;

export const toTenantView = (tenant: Tenant): TenantView => ({
  id: tenant.id,
  name: tenant.name,
  plan: tenant.plan,
  retention_days: tenant.retentionDays,
  created_at: tenant.createdAt.toISOString(),
  updated_at: tenant.updatedAt.toISOString(),
});
