import { SignJWT, jwtVerify } from 'jose';
import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { asTenantId } from '../../domain/shared/tenant-id';
import {
  AccessTokens,
  type AccessClaims,
  type IssuedAccessToken,
} from '../../domain/tenancy/ports/access-tokens.port';

const ISSUER = 'cockpit';
const AUDIENCE = 'cockpit-api';

/** Short-lived HS256 access tokens. The signing secret is shared by every replica (env or database). */
export class JoseAccessTokens extends AccessTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    super();
    this.key = new TextEncoder().encode(secret);
    if (this.key.length < 32) throw new Error('the access-token secret must be at least 32 bytes');
  }

  async issue(claims: AccessClaims): Promise<IssuedAccessToken> {
    const token = await new SignJWT({ sid: claims.sessionId, tid: claims.tenantId })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
    return { token, expiresIn: this.ttlSeconds };
  }

  async verify(token: string): Promise<Result<AccessClaims>> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        typ: 'at+jwt',
      });
      const { sub, sid, tid } = payload;
      if (typeof sub !== 'string' || typeof sid !== 'string' || (tid !== null && typeof tid !== 'string')) {
        return err(DomainError.unauthorized('access token is not valid', 'invalid_token'));
      }
      return ok({ userId: sub, sessionId: sid, tenantId: tid ? asTenantId(tid) : null });
    } catch (error) {
      const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
      return err(
        expired
          ? DomainError.unauthorized('access token has expired', 'token_expired')
          : DomainError.unauthorized('access token is not valid', 'invalid_token'),
      );
    }
  }
}
