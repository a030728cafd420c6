import { type TenantId } from '../../../domain/shared/tenant-id';
import { type Membership } from '../../../domain/tenancy/membership.entity';
import { MembershipRepository } from '../../../domain/tenancy/ports/membership-repository.port';
import { type Tenant } from '../../../domain/tenancy/tenant.entity';
import { type User } from '../../../domain/tenancy/user.entity';
import { type FakeTenantRepository } from './tenant-repository.fake';
import { type FakeUserRepository } from './user-repository.fake';
import { type Transactional, snapshotMap } from './transactional';

const key = (tenantId: string, userId: string): string => `${tenantId}/${userId}`;

/** Oldest first; equal times keep insertion order (Array.prototype.sort is stable). */
const oldestFirst = (a: Membership, b: Membership): number => a.createdAt.getTime() - b.createdAt.getTime();

/** Memberships keyed by (tenant, user); joins read the user and tenant fakes like the SQL joins do. */
export class FakeMembershipRepository extends MembershipRepository implements Transactional {
  private readonly rows = new Map<string, Membership>();

  constructor(
    private readonly users: FakeUserRepository,
    private readonly tenants: FakeTenantRepository,
  ) {
    super();
  }

  async add(membership: Membership): Promise<boolean> {
    const id = key(membership.tenantId, membership.userId);
    if (this.rows.has(id)) return false;
    this.rows.set(id, membership);
    return true;
  }

  async update(membership: Membership): Promise<void> {
    const id = key(membership.tenantId, membership.userId);
    if (this.rows.has(id)) this.rows.set(id, membership);
  }

  async remove(tenantId: TenantId, userId: string): Promise<void> {
    this.rows.delete(key(tenantId, userId));
  }

  async find(tenantId: TenantId, userId: string): Promise<Membership | null> {
    return this.rows.get(key(tenantId, userId)) ?? null;
  }

  async listByTenant(tenantId: TenantId): Promise<readonly { membership: Membership; user: User }[]> {
    return [...this.rows.values()]
      .filter((membership) => membership.tenantId === tenantId)
      .sort(oldestFirst)
      .flatMap((membership) => {
        const user = this.users.get(membership.userId);
        return user ? [{ membership, user }] : [];
      });
  }

  async countAdmins(tenantId: TenantId): Promise<number> {
    return [...this.rows.values()].filter((m) => m.tenantId === tenantId && m.role === 'admin').length;
  }

  async listForUser(userId: string): Promise<readonly { tenant: Tenant; membership: Membership }[]> {
    const mine = [...this.rows.values()]
      .filter((membership) => membership.userId === userId)
      .sort(oldestFirst);
    const listed: { tenant: Tenant; membership: Membership }[] = [];
    for (const membership of mine) {
      const tenant = await this.tenants.findById(membership.tenantId);
      if (tenant) listed.push({ tenant, membership });
    }
    return listed;
  }

  all(): Membership[] {
    return [...this.rows.values()];
  }

  snapshot(): () => void {
    return snapshotMap(this.rows);
  }
}
