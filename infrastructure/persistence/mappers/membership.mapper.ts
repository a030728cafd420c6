import { asTenantId } from '../../../domain/shared/tenant-id';
import { Membership } from '../../../domain/tenancy/membership.entity';
import { type Role } from '../../../domain/tenancy/role';
import { MembershipModel } from '../models/membership.model';

export const MembershipMapper = {
  toDomain(row: MembershipModel): Membership {
    return Membership.restore({
      tenantId: asTenantId(row.tenantId),
      userId: row.userId,
      role: row.role as Role,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    });
  },
  toPersistence(membership: Membership): MembershipModel {
    return Object.assign(new MembershipModel(), {
      tenantId: membership.tenantId,
      userId: membership.userId,
      role: membership.role,
      createdAt: membership.createdAt,
      updatedAt: membership.updatedAt,
    });
  },
};
