import { type RefreshToken, type Session, type SessionRevokeReason } from '../session.entity';

export abstract class SessionRepository {
  abstract open(session: Session, firstToken: RefreshToken): Promise<void>;
  abstract findById(sessionId: string): Promise<Session | null>;
  abstract findRefreshToken(tokenHash: string): Promise<RefreshToken | null>;
  /**
   * Marks the token used and stores its successor, atomically. Returns false when the token was
   * already used: the caller must treat that as reuse.
   */
  abstract rotate(used: RefreshToken, next: RefreshToken, session: Session, at: Date): Promise<boolean>;
  abstract revoke(sessionId: string, reason: SessionRevokeReason, at: Date): Promise<void>;
  abstract revokeAllForUser(userId: string, reason: SessionRevokeReason, at: Date): Promise<void>;
}
