import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { type Membership } from '../../domain/tenancy/membership.entity';
import { type MembershipRepository } from '../../domain/tenancy/ports/membership-repository.port';
import { type User } from '../../domain/tenancy/user.entity';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';

export class ListMembersUseCase {
  constructor(private readonly memberships: MembershipRepository) {}

  async execute(
    actor: Actor,
    tenantId: string,
  ): Promise<Result<readonly { membership: Membership; user: User }[]>> {
    const viewer = authorizeTenant(actor, 'viewer');
    if (!viewer.ok) return viewer;
    // API keys ingest and read agent data; the people of a tenant are not theirs to list.
    if (viewer.value.kind === 'api_key')
      return err(DomainError.forbidden('API keys cannot list members', 'users_only'));
    if (viewer.value.tenantId !== tenantId) return err(DomainError.notFound('tenant', tenantId));
    return ok(await this.memberships.listByTenant(viewer.value.tenantId));
  }
}
