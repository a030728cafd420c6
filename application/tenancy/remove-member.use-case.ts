import { DomainError } from '../../domain/shared/domain-error';
import { type UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { type MembershipRepository } from '../../domain/tenancy/ports/membership-repository.port';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';

/** Removal takes effect on the member's next request: every request re-reads the membership. */
export class RemoveMemberUseCase {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly uow: UnitOfWork,
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
      return ok(undefined);
    });
  }
}
