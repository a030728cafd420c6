/**
 * Tenant ids are branded so that every tenant-owned query has to be handed one on purpose:
 * a plain string from a request body does not type-check as a TenantId.
 */
export type TenantId = string & { readonly __brand: 'TenantId' };

export const asTenantId = (value: string): TenantId => value as TenantId;
