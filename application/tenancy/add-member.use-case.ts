import { type AuditLog } from '../../domain/audit/ports/audit-log.port';
import { z } from 'zod';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type EventPublisher } from '../../domain/shared/ports/event-publisher.port';
import { type IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { type UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { parseEmail } from '../../domain/tenancy/email';
import { Invite } from '../../domain/tenancy/invite.entity';
import { Membership } from '../../domain/tenancy/membership.entity';
import { type InviteRepository } from '../../domain/tenancy/ports/invite-repository.port';
import { type MembershipRepository } from '../../domain/tenancy/ports/membership-repository.port';
import { type PasswordHasher } from '../../domain/tenancy/ports/password-hasher.port';
import { type SecretTokens } from '../../domain/tenancy/ports/secret-tokens.port';
import { type UserRepository } from '../../domain/tenancy/ports/user-repository.port';
import { ROLES } from '../../domain/tenancy/role';
import { User, checkPassword } from '../../domain/tenancy/user.entity';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { auditActorOf } from '../shared/audit-actor';

export const AddMemberInput = z.strictObject({
  email: z.string().max(254),
  role: z.enum(ROLES),
  password: z
    .string()
    .min(12)
    .max(72)
    .optional()
    .describe("Sets the new user's password now; without it the answer carries a one-time invite link"),
  display_name: z.string().max(120).optional(),
});
export type AddMemberInput = z.infer<typeof AddMemberInput>;

export interface AddedMember {
  readonly membership: Membership;
  readonly user: User;
  /** Present when the user still has to choose a password: shown once. */
  readonly invite: { readonly token: string; readonly url: string; readonly expiresAt: Date } | null;
}

/**
 * An Admin adds a person to their tenant. A new email becomes a user (active with the given
 * password, or invited with a one-time link); an existing user simply gains the membership.
 */
export class AddMemberUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly memberships: MembershipRepository,
    private readonly invites: InviteRepository,
    private readonly uow: UnitOfWork,
    private readonly passwords: PasswordHasher,
    private readonly tokens: SecretTokens,
    private readonly events: EventPublisher,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly options: { readonly inviteUrl: (token: string) => string },
  ) {}

  async execute(actor: Actor, tenantId: string, input: AddMemberInput): Promise<Result<AddedMember>> {
    const admin = authorizeTenant(actor, 'admin');
    if (!admin.ok) return admin;
    if (admin.value.tenantId !== tenantId) return err(DomainError.notFound('tenant', tenantId));
    const email = parseEmail(input.email);
    if (!email.ok) return email;
    let passwordHash: string | null = null;
    if (input.password !== undefined) {
      const password = checkPassword(input.password);
      if (!password.ok) return password;
      passwordHash = await this.passwords.hash(password.value);
    }
    const now = this.clock.now();
    const scope = admin.value.tenantId;

    const added = await this.uow.inTenant(scope, async (): Promise<Result<AddedMember>> => {
      let user = await this.users.findByEmail(email.value);
      if (user && passwordHash) {
        return err(
          DomainError.conflict(
            'a user with this email already exists: add them without a password',
            'user_exists',
          ),
        );
      }
      if (!user) {
        const registered = User.register({
          id: this.ids.next(),
          email: email.value,
          passwordHash,
          displayName: input.display_name,
          now,
        });
        if (!registered.ok) return registered;
        if (!(await this.users.create(registered.value))) {
          return err(DomainError.conflict('a user with this email was created concurrently', 'email_taken'));
        }
        user = registered.value;
      }
      const membership = Membership.grant({ tenantId: scope, userId: user.id, role: input.role, now });
      if (!(await this.memberships.add(membership))) {
        return err(
          DomainError.conflict(`${user.email} is already a member of this tenant`, 'already_member'),
        );
      }
      let invite: AddedMember['invite'] = null;
      if (user.status === 'invited') {
        const token = `cki_${this.tokens.random(40)}`;
        const created = Invite.create({
          id: this.ids.next(),
          tenantId: scope,
          userId: user.id,
          tokenHash: this.tokens.digest(token),
          createdBy: actor.kind === 'user' ? actor.userId : null,
          now,
        });
        await this.invites.create(created);
        invite = { token, url: this.options.inviteUrl(token), expiresAt: created.expiresAt };
      }
      await this.audit.append(scope, {
        action: 'member.added',
        actor: auditActorOf(admin.value),
        target: { type: 'user', id: user.id },
        data: { email: user.email, role: input.role, invited: invite !== null },
        at: now,
      });
      return ok({ membership, user, invite });
    });
    if (added.ok) {
      await this.events.publish({
        tenantId: scope,
        type: 'member.added',
        topics: [],
        data: { user_id: added.value.user.id, email: added.value.user.email, role: input.role },
        at: now.toISOString(),
      });
    }
    return added;
  }
}
