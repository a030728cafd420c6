import { type Result } from '../result';
import { type TenantId } from '../tenant-id';

/**
 * Runs several repository calls atomically inside one tenant's scope. Repositories called inside
 * `inTenant` join its transaction; called outside, each runs in its own. A work function that
 * returns a failed Result rolls the transaction back, so expected failures never leave half a change.
 */
export abstract class UnitOfWork {
  abstract inTenant<T>(tenantId: TenantId, work: () => Promise<Result<T>>): Promise<Result<T>>;
}
