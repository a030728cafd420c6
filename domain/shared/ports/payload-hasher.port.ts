import { type TenantId } from '../tenant-id';

/**
 * Keyed hashes of redacted values, one key (salt) per tenant: equal values hash equally inside a
 * tenant, so diffs can say "changed (redacted)", while hashes cannot be compared across tenants
 * or reversed with a dictionary.
 */
export abstract class PayloadHasher {
  abstract forTenant(tenantId: TenantId): Promise<(value: string) => string>;
}
