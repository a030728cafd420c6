import { SessionRepository } from '../../../domain/tenancy/ports/session-repository.port';
import { RefreshToken, Session, type SessionRevokeReason } from '../../../domain/tenancy/session.entity';
import { type Transactional, snapshotMap } from './transactional';

/**
 * Sessions and their refresh tokens. `rotate` claims the used token first, as the SQL adapter does,
 * so of two exchanges of one token only the first succeeds; `revoke` keeps the first reason.
 */
export class FakeSessionRepository extends SessionRepository implements Transactional {
  private readonly sessions = new Map<string, Session>();
  private readonly tokens = new Map<string, RefreshToken>();

  async open(session: Session, firstToken: RefreshToken): Promise<void> {
    if (this.sessions.has(session.id)) throw new Error(`duplicate session ${session.id}`);
    this.sessions.set(session.id, session);
    this.storeToken(firstToken);
  }

  async findById(sessionId: string): Promise<Session | null> {
    return this.sessions.get(sessionId) ?? null;
  }

  async findRefreshToken(tokenHash: string): Promise<RefreshToken | null> {
    return [...this.tokens.values()].find((token) => token.tokenHash === tokenHash) ?? null;
  }

  async rotate(used: RefreshToken, next: RefreshToken, session: Session, at: Date): Promise<boolean> {
    const stored = this.tokens.get(used.id);
    if (!stored || stored.usedAt !== null) return false;
    this.tokens.set(
      stored.id,
      RefreshToken.restore({
        id: stored.id,
        sessionId: stored.sessionId,
        tokenHash: stored.tokenHash,
        expiresAt: stored.expiresAt,
        usedAt: at,
        createdAt: stored.createdAt,
      }),
    );
    this.storeToken(next);
    const current = this.sessions.get(session.id);
    if (current) this.sessions.set(session.id, current.switchTenant(session.tenantId));
    return true;
  }

  async revoke(sessionId: string, reason: SessionRevokeReason, at: Date): Promise<void> {
    const current = this.sessions.get(sessionId);
    if (current && current.isActive) this.sessions.set(sessionId, revoked(current, reason, at));
  }

  async revokeAllForUser(userId: string, reason: SessionRevokeReason, at: Date): Promise<void> {
    for (const session of this.sessions.values()) {
      if (session.userId === userId && session.isActive) {
        this.sessions.set(session.id, revoked(session, reason, at));
      }
    }
  }

  /** CredentialHousekeeping's share: expired tokens, then sessions revoked or left tokenless before `cutoff`. */
  purgeBefore(cutoff: Date): number {
    let purged = 0;
    for (const token of [...this.tokens.values()]) {
      if (token.expiresAt < cutoff && this.tokens.delete(token.id)) purged++;
    }
    for (const session of [...this.sessions.values()]) {
      const revokedBefore = session.revokedAt !== null && session.revokedAt < cutoff;
      const tokenless =
        session.createdAt < cutoff && ![...this.tokens.values()].some((t) => t.sessionId === session.id);
      if ((revokedBefore || tokenless) && this.sessions.delete(session.id)) purged++;
    }
    return purged;
  }

  get(sessionId: string): Session | null {
    return this.sessions.get(sessionId) ?? null;
  }

  allSessions(): Session[] {
    return [...this.sessions.values()];
  }

  allTokens(): RefreshToken[] {
    return [...this.tokens.values()];
  }

  snapshot(): () => void {
    const sessions = snapshotMap(this.sessions);
    const tokens = snapshotMap(this.tokens);
    return () => {
      sessions();
      tokens();
    };
  }

  private storeToken(token: RefreshToken): void {
    if (this.tokens.has(token.id) || [...this.tokens.values()].some((t) => t.tokenHash === token.tokenHash)) {
      throw new Error(`duplicate refresh token ${token.id}`);
    }
    this.tokens.set(token.id, token);
  }
}

function revoked(session: Session, reason: SessionRevokeReason, at: Date): Session {
  return Session.restore({
    id: session.id,
    userId: session.userId,
    tenantId: session.tenantId,
    createdAt: session.createdAt,
    revokedAt: at,
    revokeReason: reason,
  });
}
