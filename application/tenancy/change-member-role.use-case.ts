import { z } from 'zod';
import { type AuditLog } from '../../domain/audit/ports/audit-log.port';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { type Membership } from '../../domain/tenancy/membership.entity';
import { type MembershipRepository } from '../../domain/tenancy/ports/membership-repository.port';
import { type UserRepository } from '../../domain/tenancy/ports/user-repository.port';
import { ROLES } from '../../domain/tenancy/role';
import { type User } from '../../domain/tenancy/user.entity';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { auditActorOf } from '../shared/audit-actor';

export const ChangeMemberRoleInput = z.strictObject({ role: z.enum(ROLES) });
export type ChangeMemberRoleInput = z.infer<typeof ChangeMemberRoleInput>;

/** Role changes never leave a tenant without an Admin. */
export class ChangeMemberRoleUseCase {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly users: UserRepository,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async execute(
    actor: Actor,
    tenantId: string,
    userId: string,
    input: ChangeMemberRoleInput,
  ): Promise<Result<{ membership: Membership; user: User }>> {
    const admin = authorizeTenant(actor, 'admin');
    if (!admin.ok) return admin;
    if (admin.value.tenantId !== tenantId) return err(DomainError.notFound('tenant', tenantId));
    const scope = admin.value.tenantId;
    return this.uow.inTenant(scope, async () => {
      const current = await this.memberships.find(scope, userId);
      if (!current) return err(DomainError.notFound('member', userId));
      if (
        current.role === 'admin' &&
        input.role !== 'admin' &&
        (await this.memberships.countAdmins(scope)) <= 1
      ) {
        return err(DomainError.conflict('a tenant must keep at least one Admin', 'last_admin'));
      }
      const user = await this.users.findById(userId);
      if (!user) return err(DomainError.notFound('member', userId));
      const changed = current.changeRole(input.role, this.clock.now());
      await this.memberships.update(changed);
      await this.audit.append(scope, {
        action: 'member.role_changed',
        actor: auditActorOf(admin.value),
        target: { type: 'user', id: userId },
        data: { email: user.email, from: current.role, to: input.role },
        at: this.clock.now(),
      });
      return ok({ membership: changed, user });
    });
  }
}
