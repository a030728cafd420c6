import { type AuditLog } from '../../domain/audit/ports/audit-log.port';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { type MembershipRepository } from '../../domain/tenancy/ports/membership-repository.port';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { auditActorOf } from '../shared/audit-actor';

/** Removal takes effect on the member's next request: every request re-reads the membership. */
export class RemoveMemberUseCase {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, tenantId: string, userId: string): Promise<Result<void>> {
    const admin = authorizeTenant(actor, 'admin');
    if (!admin.ok) return admin;
    if (admin.value.tenantId !== tenantId) return err(DomainError.notFound('tenant', tenantId));
    const scope = admin.value.tenantId;
    return this.uow.inTenant(scope, async () => {
      const current = await this.memberships.find(scope, userId);
      if (!current) return err(DomainError.notFound('member', userId));
      if (current.role === 'admin' && (await this.memberships.countAdmins(scope)) <= 1) {
        return err(DomainError.conflict('a tenant must keep at least one Admin', 'last_admin'));
      }
      await this.memberships.remove(scope, userId);
      await this.audit.append(scope, {
        action: 'member.removed',
        actor: auditActorOf(admin.value),
        target: { type: 'user', id: userId },
        data: { role: current.role },
        at: this.clock.now(),
      });
      return ok(undefined);
    });
  }
}
