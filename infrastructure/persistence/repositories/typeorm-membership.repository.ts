import { type TenantId } from '../../../domain/shared/tenant-id';
import { type Membership } from '../../../domain/tenancy/membership.entity';
import { MembershipRepository } from '../../../domain/tenancy/ports/membership-repository.port';
import { type Tenant } from '../../../domain/tenancy/tenant.entity';
import { type User } from '../../../domain/tenancy/user.entity';
import { type Database } from '../database';
import { MembershipMapper } from '../mappers/membership.mapper';
import { TenantMapper } from '../mappers/tenant.mapper';
import { UserMapper } from '../mappers/user.mapper';
import { MembershipModel } from '../models/membership.model';
import { TenantModel } from '../models/tenant.model';
import { UserModel } from '../models/user.model';
import { insertIfAbsent } from '../sql';

export class TypeormMembershipRepository extends MembershipRepository {
  constructor(private readonly db: Database) {
    super();
  }

  async add(membership: Membership): Promise<boolean> {
    return this.db.run({ tenantId: membership.tenantId }, (m) =>
      insertIfAbsent(m, MembershipModel, MembershipMapper.toPersistence(membership)),
    );
  }

  async update(membership: Membership): Promise<void> {
    const { tenantId, userId } = membership;
    await this.db.run({ tenantId }, (m) =>
      m.update(MembershipModel, { tenantId, userId }, MembershipMapper.toPersistence(membership)),
    );
  }

  async remove(tenantId: TenantId, userId: string): Promise<void> {
    await this.db.run({ tenantId }, (m) => m.delete(MembershipModel, { tenantId, userId }));
  }

  async find(tenantId: TenantId, userId: string): Promise<Membership | null> {
    const row = await this.db.run({ tenantId }, (m) => m.findOneBy(MembershipModel, { tenantId, userId }));
    return row ? MembershipMapper.toDomain(row) : null;
  }

  async listByTenant(tenantId: TenantId): Promise<readonly { membership: Membership; user: User }[]> {
    return this.db.run({ tenantId }, async (m) => {
      const memberships = await m.find(MembershipModel, {
        where: { tenantId },
        order: { createdAt: 'ASC', userId: 'ASC' },
      });
      if (memberships.length === 0) return [];
      const users = await m
        .createQueryBuilder(UserModel, 'u')
        .where('u.id IN (:...ids)', { ids: memberships.map((row) => row.userId) })
        .getMany();
      const byId = new Map(users.map((row) => [row.id, UserMapper.toDomain(row)]));
      return memberships.flatMap((row) => {
        const user = byId.get(row.userId);
        return user ? [{ membership: MembershipMapper.toDomain(row), user }] : [];
      });
    });
  }

  async countAdmins(tenantId: TenantId): Promise<number> {
    return this.db.run({ tenantId }, (m) => m.countBy(MembershipModel, { tenantId, role: 'admin' }));
  }

  async listForUser(userId: string): Promise<readonly { tenant: Tenant; membership: Membership }[]> {
    return this.db.run({ userId }, async (m) => {
      const memberships = await m.find(MembershipModel, { where: { userId }, order: { createdAt: 'ASC' } });
      if (memberships.length === 0) return [];
      const tenants = await m
        .createQueryBuilder(TenantModel, 't')
        .where('t.id IN (:...ids)', { ids: memberships.map((row) => row.tenantId) })
        .getMany();
      const byId = new Map(tenants.map((row) => [row.id, TenantMapper.toDomain(row)]));
      return memberships.flatMap((row) => {
        const tenant = byId.get(row.tenantId);
        return tenant ? [{ tenant, membership: MembershipMapper.toDomain(row) }] : [];
      });
    });
  }
}
