import { asTenantId } from '../../../domain/shared/tenant-id';
import { Invite } from '../../../domain/tenancy/invite.entity';
import { InviteModel } from '../models/invite.model';

export const InviteMapper = {
  toDomain(row: InviteModel): Invite {
    return Invite.restore({
      id: row.id,
      tenantId: asTenantId(row.tenantId),
      userId: row.userId,
      tokenHash: row.tokenHash,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      acceptedAt: row.acceptedAt,
    });
  },
  toPersistence(invite: Invite): InviteModel {
    return Object.assign(new InviteModel(), {
      id: invite.id,
      tenantId: invite.tenantId,
      userId: invite.userId,
      tokenHash: invite.tokenHash,
      createdBy: invite.createdBy,
      createdAt: invite.createdAt,
      expiresAt: invite.expiresAt,
      acceptedAt: invite.acceptedAt,
    });
  },
};
