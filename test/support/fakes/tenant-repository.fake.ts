import { type KeysetPosition } from '../../../domain/shared/page';
import { type TenantId } from '../../../domain/shared/tenant-id';
import { TenantRepository } from '../../../domain/tenancy/ports/tenant-repository.port';
import { type Tenant } from '../../../domain/tenancy/tenant.entity';
import { type Transactional, snapshotMap } from './transactional';

const byPosition = (a: Tenant, b: Tenant): number =>
  a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const isAfter = (tenant: Tenant, after: KeysetPosition): boolean =>
  tenant.createdAt.getTime() > after.at.getTime() ||
  (tenant.createdAt.getTime() === after.at.getTime() && tenant.id > after.id);

/**
 * Tenants by id. Deleting a tenant does not cascade into the other fakes (the database does);
 * tests of what a deletion takes with it belong to the persistence tests.
 */
export class FakeTenantRepository extends TenantRepository implements Transactional {
  private readonly rows = new Map<string, Tenant>();

  async create(tenant: Tenant): Promise<void> {
    if (this.rows.has(tenant.id)) throw new Error(`duplicate tenant id ${tenant.id}`);
    this.rows.set(tenant.id, tenant);
  }

  async findById(tenantId: TenantId): Promise<Tenant | null> {
    return this.rows.get(tenantId) ?? null;
  }

  async update(tenant: Tenant): Promise<void> {
    if (this.rows.has(tenant.id)) this.rows.set(tenant.id, tenant);
  }

  async delete(tenantId: TenantId): Promise<void> {
    this.rows.delete(tenantId);
  }

  async listAllForOperator(options: {
    limit: number;
    after: KeysetPosition | null;
  }): Promise<readonly Tenant[]> {
    const after = options.after;
    return [...this.rows.values()]
      .filter((tenant) => after === null || isAfter(tenant, after))
      .sort(byPosition)
      .slice(0, options.limit);
  }

  async findByIdForOperator(tenantId: TenantId): Promise<Tenant | null> {
    return this.rows.get(tenantId) ?? null;
  }

  async updateForOperator(tenant: Tenant): Promise<void> {
    if (this.rows.has(tenant.id)) this.rows.set(tenant.id, tenant);
  }

  all(): Tenant[] {
    return [...this.rows.values()];
  }

  snapshot(): () => void {
    return snapshotMap(this.rows);
  }
}
