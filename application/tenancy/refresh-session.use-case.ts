import { z } from 'zod';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { type TenantId, asTenantId } from '../../domain/shared/tenant-id';
import { type AccessTokens } from '../../domain/tenancy/ports/access-tokens.port';
import { type MembershipRepository } from '../../domain/tenancy/ports/membership-repository.port';
import { type SecretTokens } from '../../domain/tenancy/ports/secret-tokens.port';
import { type SessionRepository } from '../../domain/tenancy/ports/session-repository.port';
import { type UserRepository } from '../../domain/tenancy/ports/user-repository.port';
import { RefreshToken } from '../../domain/tenancy/session.entity';
import { type TokenPairView } from './login.use-case';

export const RefreshSessionInput = z.strictObject({
  refresh_token: z.string().min(1).max(200),
  tenant_id: z.uuid().optional().describe('Switch the session to another tenant you belong to'),
});
export type RefreshSessionInput = z.infer<typeof RefreshSessionInput>;

/**
 * Exchanges a refresh token for a new pair. Each refresh token works once: presenting one that was
 * already exchanged means it leaked, so the whole session (token family) is revoked.
 */
export class RefreshSessionUseCase {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly users: UserRepository,
    private readonly memberships: MembershipRepository,
    private readonly accessTokens: AccessTokens,
    private readonly tokens: SecretTokens,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly options: { readonly refreshTtlSeconds: number },
  ) {}

  async execute(input: RefreshSessionInput): Promise<Result<TokenPairView>> {
    const now = this.clock.now();
    const presented = await this.sessions.findRefreshToken(this.tokens.digest(input.refresh_token));
    if (!presented)
      return err(DomainError.unauthorized('refresh token is not valid', 'invalid_refresh_token'));
    const session = await this.sessions.findById(presented.sessionId);
    if (!session || !session.isActive)
      return err(DomainError.unauthorized('this session has ended', 'session_revoked'));
    if (presented.usedAt) return this.reuseDetected(session.id, now);
    if (presented.isExpired(now)) {
      return err(DomainError.unauthorized('refresh token has expired', 'refresh_token_expired'));
    }
    const user = await this.users.findById(session.userId);
    if (!user || !user.canLogIn) {
      await this.sessions.revoke(session.id, 'user_disabled', now);
      return err(DomainError.unauthorized('this account cannot sign in', 'user_disabled'));
    }

    let tenantId: TenantId | null = session.tenantId;
    if (input.tenant_id) {
      if (!(await this.memberships.find(asTenantId(input.tenant_id), user.id))) {
        return err(DomainError.forbidden('you are not a member of this tenant', 'not_a_member'));
      }
      tenantId = asTenantId(input.tenant_id);
    } else if (tenantId && !(await this.memberships.find(tenantId, user.id))) {
      tenantId = null; // removed from the tenant since the last refresh
    }

    const nextToken = `crt_${this.tokens.random(43)}`;
    const next = RefreshToken.issue({
      id: this.ids.next(),
      sessionId: session.id,
      tokenHash: this.tokens.digest(nextToken),
      now,
      ttlSeconds: this.options.refreshTtlSeconds,
    });
    if (!(await this.sessions.rotate(presented, next, session.switchTenant(tenantId), now))) {
      return this.reuseDetected(session.id, now); // lost a race with another exchange of the same token
    }
    const access = await this.accessTokens.issue({ userId: user.id, sessionId: session.id, tenantId });
    return ok({
      access_token: access.token,
      refresh_token: nextToken,
      token_type: 'Bearer',
      expires_in: access.expiresIn,
      tenant_id: tenantId,
    });
  }

  private async reuseDetected(sessionId: string, now: Date): Promise<Result<never>> {
    await this.sessions.revoke(sessionId, 'refresh_token_reused', now);
    return err(
      DomainError.unauthorized(
        'this refresh token was already used; the session has been revoked, sign in again',
        'refresh_token_reused',
      ),
    );
  }
}
