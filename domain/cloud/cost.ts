import { type TenantId } from '../shared/tenant-id';
import { type CloudKind } from './cloud-kind';

/** One day of spend for one resource (or one service when the provider does not say which resource). */
export interface CostRecord {
  readonly tenantId: TenantId;
  readonly providerId: string;
  readonly providerKind: CloudKind;
  /** UTC day, `YYYY-MM-DD`. */
  readonly day: string;
  /** Inventory id when the line belongs to a known resource. */
  readonly resourceId: string | null;
  /** The provider's own resource id, when the cost API names one. */
  readonly externalId: string | null;
  readonly service: string;
  readonly region: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly amountUsd: number;
  /** Computed from list prices × run time rather than billed. */
  readonly estimated: boolean;
}

export const COST_GROUPS = ['provider', 'service', 'region', 'tag', 'resource', 'day'] as const;
export type CostGroup = (typeof COST_GROUPS)[number];
