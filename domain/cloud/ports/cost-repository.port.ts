import { type TenantId } from '../../shared/tenant-id';
import { type CostGroup, type CostRecord } from '../cost';

export interface CostQuery {
  /** Inclusive UTC day. */
  readonly from: string;
  /** Exclusive UTC day. */
  readonly to: string;
  readonly groupBy: CostGroup;
  /** For `groupBy: tag`, the tag key (default `team`). */
  readonly tagKey?: string;
  readonly providerId?: string;
  /** Only lines whose resource tags carry this value under `project` (project budgets). */
  readonly projectTag?: readonly string[];
}

export interface CostGroupTotal {
  readonly key: string;
  readonly amountUsd: number;
}

export abstract class CostRepository {
  /** Replaces the provider's records for the days in `[from, to)`: re-syncing a range is idempotent. */
  abstract replaceRange(
    tenantId: TenantId,
    providerId: string,
    range: { readonly from: string; readonly to: string },
    records: readonly CostRecord[],
  ): Promise<number>;
  abstract aggregate(tenantId: TenantId, query: CostQuery): Promise<readonly CostGroupTotal[]>;
  /** Total per day in `[from, to)`, every day present (zero when nothing was spent). */
  abstract daily(
    tenantId: TenantId,
    query: Omit<CostQuery, 'groupBy' | 'tagKey'>,
  ): Promise<readonly { day: string; amountUsd: number }[]>;
}
