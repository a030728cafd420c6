import { asTenantId } from '../../shared/tenant-id';
import { type Resource, type ResourceConfig } from '../resource.entity';

/** Test-data builder: a running VM in a simulated account unless the overrides say otherwise. */
export function aResource(
  overrides: Partial<Omit<Resource, 'config'>> & { config?: ResourceConfig } = {},
): Resource {
  const at = new Date('2026-03-01T00:00:00.000Z');
  const id = overrides.id ?? 'res-1';
  return {
    tenantId: asTenantId('00000000-0000-7000-8000-000000000001'),
    id,
    providerId: 'prov-1',
    providerKind: 'simulated',
    externalId: `ext-${id}`,
    name: id,
    region: 'sim-us-east',
    type: 'vm',
    size: 'gp.large',
    state: 'running',
    providerState: 'running',
    tags: {},
    costPerHour: 0.096,
    createdAt: at,
    updatedAt: at,
    syncedAt: at,
    ...overrides,
    config: overrides.config ?? {},
  };
}

export const PROD_TAGS: Readonly<Record<string, string>> = {
  env: 'prod',
  owner: 'alice',
  team: 'payments',
  'cost-center': 'cc-42',
};
