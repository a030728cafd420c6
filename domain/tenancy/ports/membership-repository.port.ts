import { type TenantId } from '../../shared/tenant-id';
import { type Membership } from '../membership.entity';
import { type Tenant } from '../tenant.entity';
import { type User } from '../user.entity';

export abstract class MembershipRepository {
  /** False when the user is already a member (nothing is written). */
  abstract add(membership: Membership): Promise<boolean>;
  abstract update(membership: Membership): Promise<void>;
  abstract remove(tenantId: TenantId, userId: string): Promise<void>;
  abstract find(tenantId: TenantId, userId: string): Promise<Membership | null>;
  abstract listByTenant(tenantId: TenantId): Promise<readonly { membership: Membership; user: User }[]>;
  abstract countAdmins(tenantId: TenantId): Promise<number>;
  /** The tenants a user belongs to, oldest membership first. */
  abstract listForUser(userId: string): Promise<readonly { tenant: Tenant; membership: Membership }[]>;
}
