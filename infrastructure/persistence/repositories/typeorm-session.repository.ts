import { SessionRepository } from '../../../domain/tenancy/ports/session-repository.port';
import {
  type RefreshToken,
  type Session,
  type SessionRevokeReason,
} from '../../../domain/tenancy/session.entity';
import { type Database, execute } from '../database';
import { SessionMapper } from '../mappers/session.mapper';
import { RefreshTokenModel, SessionModel } from '../models/session.model';

export class TypeormSessionRepository extends SessionRepository {
  constructor(private readonly db: Database) {
    super();
  }

  async open(session: Session, firstToken: RefreshToken): Promise<void> {
    await this.db.run({ userId: session.userId, sessionId: session.id }, async (m) => {
      await m.insert(SessionModel, SessionMapper.toPersistence(session));
      await m.insert(RefreshTokenModel, SessionMapper.tokenToPersistence(firstToken));
    });
  }

  async findById(sessionId: string): Promise<Session | null> {
    const row = await this.db.run({ sessionId }, (m) => m.findOneBy(SessionModel, { id: sessionId }));
    return row ? SessionMapper.toDomain(row) : null;
  }

  async findRefreshToken(tokenHash: string): Promise<RefreshToken | null> {
    const row = await this.db.run({ refreshTokenHash: tokenHash }, (m) =>
      m.findOneBy(RefreshTokenModel, { tokenHash }),
    );
    return row ? SessionMapper.tokenToDomain(row) : null;
  }

  async rotate(used: RefreshToken, next: RefreshToken, session: Session, at: Date): Promise<boolean> {
    return this.db.run({ sessionId: session.id, refreshTokenHash: used.tokenHash }, async (m) => {
      // Claiming the old token is the race guard: of two concurrent exchanges, only one updates a row.
      const claimed = await execute(
        m,
        'UPDATE refresh_tokens SET used_at = $2 WHERE id = $1 AND used_at IS NULL',
        [used.id, at],
      );
      if (claimed !== 1) return false;
      await m.insert(RefreshTokenModel, SessionMapper.tokenToPersistence(next));
      await m.update(SessionModel, { id: session.id }, { tenantId: session.tenantId });
      return true;
    });
  }

  async revoke(sessionId: string, reason: SessionRevokeReason, at: Date): Promise<void> {
    await this.db.run({ sessionId }, (m) =>
      execute(
        m,
        'UPDATE sessions SET revoked_at = $2, revoke_reason = $3 WHERE id = $1 AND revoked_at IS NULL',
        [sessionId, at, reason],
      ),
    );
  }

  async revokeAllForUser(userId: string, reason: SessionRevokeReason, at: Date): Promise<void> {
    await this.db.run({ userId }, (m) =>
      execute(
        m,
        'UPDATE sessions SET revoked_at = $2, revoke_reason = $3 WHERE user_id = $1 AND revoked_at IS NULL',
        [userId, at, reason],
      ),
    );
  }
}
