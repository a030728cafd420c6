import { type TenantId } from '../shared/tenant-id';

/**
 * A login session: one family of rotating refresh tokens. Access tokens name their session, so
 * revoking it (logout, refresh-token reuse) ends every token of the family at once.
 */
export interface SessionProps {
  readonly id: string;
  readonly userId: string;
  /** The tenant the session acts in; null for an operator or a user with no membership yet. */
  readonly tenantId: TenantId | null;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
  readonly revokeReason: string | null;
}

export type SessionRevokeReason = 'logout' | 'refresh_token_reused' | 'membership_removed' | 'user_disabled';

export class Session {
  private constructor(private readonly props: SessionProps) {}

  static open(input: { id: string; userId: string; tenantId: TenantId | null; now: Date }): Session {
    return new Session({ ...input, createdAt: input.now, revokedAt: null, revokeReason: null });
  }

  static restore(props: SessionProps): Session {
    return new Session(props);
  }

  get id(): string {
    return this.props.id;
  }
  get userId(): string {
    return this.props.userId;
  }
  get tenantId(): TenantId | null {
    return this.props.tenantId;
  }
  get createdAt(): Date {
    return this.props.createdAt;
  }
  get revokedAt(): Date | null {
    return this.props.revokedAt;
  }
  get revokeReason(): string | null {
    return this.props.revokeReason;
  }
  get isActive(): boolean {
    return this.props.revokedAt === null;
  }

  switchTenant(tenantId: TenantId | null): Session {
    return new Session({ ...this.props, tenantId });
  }
}

export interface RefreshTokenProps {
  readonly id: string;
  readonly sessionId: string;
  readonly tokenHash: string;
  readonly expiresAt: Date;
  /** Set when the token is exchanged; a second exchange of the same token is reuse. */
  readonly usedAt: Date | null;
  readonly createdAt: Date;
}

export class RefreshToken {
  private constructor(private readonly props: RefreshTokenProps) {}

  static issue(input: {
    id: string;
    sessionId: string;
    tokenHash: string;
    now: Date;
    ttlSeconds: number;
  }): RefreshToken {
    return new RefreshToken({
      id: input.id,
      sessionId: input.sessionId,
      tokenHash: input.tokenHash,
      expiresAt: new Date(input.now.getTime() + input.ttlSeconds * 1000),
      usedAt: null,
      createdAt: input.now,
    });
  }

  static restore(props: RefreshTokenProps): RefreshToken {
    return new RefreshToken(props);
  }

  get id(): string {
    return this.props.id;
  }
  get sessionId(): string {
    return this.props.sessionId;
  }
  get tokenHash(): string {
    return this.props.tokenHash;
  }
  get expiresAt(): Date {
    return this.props.expiresAt;
  }
  get usedAt(): Date | null {
    return this.props.usedAt;
  }
  get createdAt(): Date {
    return this.props.createdAt;
  }

  isExpired(now: Date): boolean {
    return this.props.expiresAt <= now;
  }
}
