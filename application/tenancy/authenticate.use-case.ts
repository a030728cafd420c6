import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { parseApiKey } from '../../domain/tenancy/api-key.entity';
import { type AccessTokens } from '../../domain/tenancy/ports/access-tokens.port';
import { type ApiKeyRepository } from '../../domain/tenancy/ports/api-key-repository.port';
import { type MembershipRepository } from '../../domain/tenancy/ports/membership-repository.port';
import { type SecretTokens } from '../../domain/tenancy/ports/secret-tokens.port';
import { type SessionRepository } from '../../domain/tenancy/ports/session-repository.port';
import { type UserRepository } from '../../domain/tenancy/ports/user-repository.port';
import { type Actor } from '../shared/actor';

/** `last_used_at` is a hint, not an audit trail: write it at most once a minute per key. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Turns a presented credential (a user access token or a project API key) into an Actor, or says
 * why not. Runs on every request: revoked keys, ended sessions and removed memberships stop
 * working at once.
 */
export class AuthenticateUseCase {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly sessions: SessionRepository,
    private readonly users: UserRepository,
    private readonly memberships: MembershipRepository,
    private readonly accessTokens: AccessTokens,
    private readonly tokens: SecretTokens,
    private readonly clock: Clock,
  ) {}

  async execute(credential: string): Promise<Result<Actor>> {
    return parseApiKey(credential) ? this.apiKey(credential) : this.accessToken(credential);
  }

  private async apiKey(raw: string): Promise<Result<Actor>> {
    const invalid = err(DomainError.unauthorized('API key is not valid', 'invalid_api_key'));
    const parsed = parseApiKey(raw);
    const key = parsed ? await this.keys.findByPrefix(parsed.prefix) : null;
    if (!key || !this.tokens.matches(raw, key.secretHash)) return invalid;
    const now = this.clock.now();
    if (!key.isUsable(now)) {
      return err(DomainError.unauthorized('API key has been revoked or has expired', 'api_key_revoked'));
    }
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.keys.recordUse(key, now);
    }
    return ok({
      kind: 'api_key',
      apiKeyId: key.id,
      tenantId: key.tenantId,
      projectId: key.projectId,
      role: key.role,
    });
  }

  private async accessToken(raw: string): Promise<Result<Actor>> {
    const claims = await this.accessTokens.verify(raw);
    if (!claims.ok) return claims;
    const { userId, sessionId, tenantId } = claims.value;
    const session = await this.sessions.findById(sessionId);
    if (!session || !session.isActive || session.userId !== userId) {
      return err(DomainError.unauthorized('this session has ended, sign in again', 'session_revoked'));
    }
    const user = await this.users.findById(userId);
    if (!user || user.status !== 'active') {
      return err(DomainError.unauthorized('this account cannot sign in', 'user_disabled'));
    }
    let role = null;
    if (tenantId) {
      const membership = await this.memberships.find(tenantId, userId);
      if (!membership) {
        return err(
          DomainError.unauthorized('you are no longer a member of this tenant', 'membership_removed'),
        );
      }
      role = membership.role;
    }
    return ok({
      kind: 'user',
      userId,
      email: user.email,
      sessionId,
      tenantId,
      role,
      isOperator: user.isOperator,
    });
  }
}
