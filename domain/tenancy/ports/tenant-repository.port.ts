import { type KeysetPosition } from '../../shared/page';
import { type TenantId } from '../../shared/tenant-id';
import { type Tenant } from '../tenant.entity';

export abstract class TenantRepository {
  abstract create(tenant: Tenant): Promise<void>;
  abstract findById(tenantId: TenantId): Promise<Tenant | null>;
  abstract update(tenant: Tenant): Promise<void>;
  /** Removes the tenant and, by cascade, everything it owns. */
  abstract delete(tenantId: TenantId): Promise<void>;
  /** Every tenant of the instance in (created_at, id) order; only the operator path calls this. */
  abstract listAllForOperator(options: {
    limit: number;
    after: KeysetPosition | null;
  }): Promise<readonly Tenant[]>;
  /** Tenant lookup for the operator, who is not a member. */
  abstract findByIdForOperator(tenantId: TenantId): Promise<Tenant | null>;
  abstract updateForOperator(tenant: Tenant): Promise<void>;
}
