import { asTenantId } from '../../../domain/shared/tenant-id';
import { RefreshToken, Session } from '../../../domain/tenancy/session.entity';
import { RefreshTokenModel, SessionModel } from '../models/session.model';

export const SessionMapper = {
  toDomain(row: SessionModel): Session {
    return Session.restore({
      id: row.id,
      userId: row.userId,
      tenantId: row.tenantId ? asTenantId(row.tenantId) : null,
      createdAt: row.createdAt,
      revokedAt: row.revokedAt,
      revokeReason: row.revokeReason,
    });
  },
  toPersistence(session: Session): SessionModel {
    return Object.assign(new SessionModel(), {
      id: session.id,
      userId: session.userId,
      tenantId: session.tenantId,
      createdAt: session.createdAt,
      revokedAt: session.revokedAt,
      revokeReason: session.revokeReason,
    });
  },
  tokenToDomain(row: RefreshTokenModel): RefreshToken {
    return RefreshToken.restore({
      id: row.id,
      sessionId: row.sessionId,
      tokenHash: row.tokenHash,
      expiresAt: row.expiresAt,
      usedAt: row.usedAt,
      createdAt: row.createdAt,
    });
  },
  tokenToPersistence(token: RefreshToken): RefreshTokenModel {
    return Object.assign(new RefreshTokenModel(), {
      id: token.id,
      sessionId: token.sessionId,
      tokenHash: token.tokenHash,
      expiresAt: token.expiresAt,
      usedAt: token.usedAt,
      createdAt: token.createdAt,
    });
  },
};
