import { UnitOfWork } from '../../../domain/shared/ports/unit-of-work.port';
import { type Result } from '../../../domain/shared/result';
import { type TenantId } from '../../../domain/shared/tenant-id';
import { type Transactional } from './transactional';

/**
 * Runs the work and, like the real transaction, undoes every write of the participating fakes when
 * the work returns a failed Result or throws. A nested call joins the outer run. Runs are not
 * isolated from each other: a test must not overlap two of them.
 */
export class FakeUnitOfWork extends UnitOfWork {
  /** The tenant scope of every run, in call order. */
  readonly scopes: TenantId[] = [];
  commits = 0;
  rollbacks = 0;
  private depth = 0;

  constructor(private readonly participants: readonly Transactional[]) {
    super();
  }

  async inTenant<T>(tenantId: TenantId, work: () => Promise<Result<T>>): Promise<Result<T>> {
    this.scopes.push(tenantId);
    if (this.depth > 0) return work();
    const restores = this.participants.map((participant) => participant.snapshot());
    const rollback = (): void => {
      for (const restore of restores) restore();
      this.rollbacks++;
    };
    this.depth++;
    try {
      const result = await work();
      if (result.ok) this.commits++;
      else rollback();
      return result;
    } catch (error) {
      rollback();
      throw error;
    } finally {
      this.depth--;
    }
  }
}
