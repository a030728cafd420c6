import { z } from 'zod';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { type InviteRepository } from '../../domain/tenancy/ports/invite-repository.port';
import { type PasswordHasher } from '../../domain/tenancy/ports/password-hasher.port';
import { type SecretTokens } from '../../domain/tenancy/ports/secret-tokens.port';
import { type UserRepository } from '../../domain/tenancy/ports/user-repository.port';
import { type User, checkPassword } from '../../domain/tenancy/user.entity';

export const AcceptInviteInput = z.strictObject({
  token: z.string().min(1).max(200),
  password: z.string().min(12).max(72),
  display_name: z.string().max(120).optional(),
});
export type AcceptInviteInput = z.infer<typeof AcceptInviteInput>;

/** The invited person chooses a password; the link works once and expires after 7 days. */
export class AcceptInviteUseCase {
  constructor(
    private readonly invites: InviteRepository,
    private readonly users: UserRepository,
    private readonly uow: UnitOfWork,
    private readonly passwords: PasswordHasher,
    private readonly tokens: SecretTokens,
    private readonly clock: Clock,
  ) {}

  async execute(input: AcceptInviteInput): Promise<Result<User>> {
    const password = checkPassword(input.password);
    if (!password.ok) return password;
    const invite = await this.invites.findByTokenHash(this.tokens.digest(input.token));
    if (!invite) return err(DomainError.notFound('invite'));
    const now = this.clock.now();
    const accepted = invite.accept(now);
    if (!accepted.ok) return accepted;
    const passwordHash = await this.passwords.hash(password.value);

    return this.uow.inTenant(invite.tenantId, async () => {
      const user = await this.users.findById(invite.userId);
      if (!user) return err(DomainError.notFound('invite'));
      const activated = user.activate(passwordHash, input.display_name, now);
      if (!activated.ok) return activated;
      if (!(await this.invites.markAccepted(accepted.value))) {
        return err(DomainError.gone('this invite has already been used', 'invite_used'));
      }
      await this.users.update(activated.value);
      return ok(activated.value);
    });
  }
}
