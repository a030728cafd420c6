import { DomainError } from '../../../domain/shared/domain-error';
import { type Clock } from '../../../domain/shared/ports/clock.port';
import { type Result, err, ok } from '../../../domain/shared/result';
import {
  AccessTokens,
  type AccessClaims,
  type IssuedAccessToken,
} from '../../../domain/tenancy/ports/access-tokens.port';

/**
 * Opaque `fake-at-<n>` tokens remembered with their claims; unknown tokens are `invalid_token`
 * and, given a clock, tokens older than the TTL are `token_expired`, like the JWT adapter.
 */
export class FakeAccessTokens extends AccessTokens {
  private readonly issued = new Map<string, { claims: AccessClaims; expiresAt: number }>();
  private counter = 0;

  constructor(
    private readonly clock?: Clock,
    readonly ttlSeconds = 900,
  ) {
    super();
  }

  async issue(claims: AccessClaims): Promise<IssuedAccessToken> {
    const token = `fake-at-${++this.counter}`;
    const now = this.clock?.now().getTime() ?? 0;
    this.issued.set(token, { claims: { ...claims }, expiresAt: now + this.ttlSeconds * 1000 });
    return { token, expiresIn: this.ttlSeconds };
  }

  async verify(token: string): Promise<Result<AccessClaims>> {
    const entry = this.issued.get(token);
    if (!entry) return err(DomainError.unauthorized('access token is not valid', 'invalid_token'));
    if (this.clock && this.clock.now().getTime() >= entry.expiresAt) {
      return err(DomainError.unauthorized('access token has expired', 'token_expired'));
    }
    return ok(entry.claims);
  }

  /** The claims of a token this fake issued (for assertions). */
  claimsOf(token: string): AccessClaims | undefined {
    return this.issued.get(token)?.claims;
  }
}
