import { z } from 'zod';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { type TenantId } from '../../domain/shared/tenant-id';
import { parseEmail } from '../../domain/tenancy/email';
import { type AccessTokens } from '../../domain/tenancy/ports/access-tokens.port';
import { type MembershipRepository } from '../../domain/tenancy/ports/membership-repository.port';
import { type PasswordHasher } from '../../domain/tenancy/ports/password-hasher.port';
import { type SecretTokens } from '../../domain/tenancy/ports/secret-tokens.port';
import { type SessionRepository } from '../../domain/tenancy/ports/session-repository.port';
import { type UserRepository } from '../../domain/tenancy/ports/user-repository.port';
import { RefreshToken, Session } from '../../domain/tenancy/session.entity';

export const LoginInput = z.strictObject({
  email: z.string().max(254),
  password: z.string().max(1024),
  tenant_id: z.uuid().optional().describe('The tenant to act in; defaults to your oldest membership'),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const TokenPairView = z.object({
  access_token: z.string(),
  refresh_token: z.string().describe('Single use: each refresh returns a new one'),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int().describe('Seconds until the access token expires'),
  tenant_id: z.uuid().nullable(),
});
export type TokenPairView = z.infer<typeof TokenPairView>;

const INVALID = 'email or password is not correct';

export class LoginUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly memberships: MembershipRepository,
    private readonly sessions: SessionRepository,
    private readonly passwords: PasswordHasher,
    private readonly accessTokens: AccessTokens,
    private readonly tokens: SecretTokens,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly options: { readonly refreshTtlSeconds: number },
  ) {}

  async execute(input: LoginInput): Promise<Result<TokenPairView>> {
    const email = parseEmail(input.email);
    if (!email.ok) return err(DomainError.unauthorized(INVALID, 'invalid_credentials'));
    const user = await this.users.findByEmail(email.value);
    const passwordOk =
      user?.canLogIn && user.passwordHash
        ? await this.passwords.verify(input.password, user.passwordHash)
        : await this.passwords.verifyAgainstDummy(input.password);
    if (!user || !passwordOk) return err(DomainError.unauthorized(INVALID, 'invalid_credentials'));

    const memberships = await this.memberships.listForUser(user.id);
    let tenantId: TenantId | null = memberships[0]?.tenant.id ?? null;
    if (input.tenant_id) {
      const chosen = memberships.find((m) => m.tenant.id === input.tenant_id);
      if (!chosen) return err(DomainError.forbidden('you are not a member of this tenant', 'not_a_member'));
      tenantId = chosen.tenant.id;
    }

    const now = this.clock.now();
    const session = Session.open({ id: this.ids.next(), userId: user.id, tenantId, now });
    const refreshToken = `crt_${this.tokens.random(43)}`;
    await this.sessions.open(
      session,
      RefreshToken.issue({
        id: this.ids.next(),
        sessionId: session.id,
        tokenHash: this.tokens.digest(refreshToken),
        now,
        ttlSeconds: this.options.refreshTtlSeconds,
      }),
    );
    const access = await this.accessTokens.issue({ userId: user.id, sessionId: session.id, tenantId });
    return ok({
      access_token: access.token,
      refresh_token: refreshToken,
      token_type: 'Bearer',
      expires_in: access.expiresIn,
      tenant_id: tenantId,
    });
  }
}
