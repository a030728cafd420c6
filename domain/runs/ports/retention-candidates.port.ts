import { type TenantId } from '../../shared/tenant-id';

/** One tenant's runs that are past its retention. */
export interface ExpiredRuns {
  readonly tenantId: TenantId;
  readonly retentionDays: number;
  readonly runIds: readonly string[];
}

/**
 * Finds, across tenants, runs that started before their tenant's retention window. This is the
 * only cross-tenant read of runs; it returns ids only, and the deletion itself happens inside each
 * tenant's own scope.
 */
export abstract class RetentionCandidates {
  abstract find(now: Date, limitPerTenant: number): Promise<readonly ExpiredRuns[]>;
  /** Deletes these runs (and their steps) of one tenant if they still started before the cutoff; returns the ids that went. */
  abstract deleteRuns(
    tenantId: TenantId,
    runIds: readonly string[],
    startedBefore: Date,
  ): Promise<readonly string[]>;
}
