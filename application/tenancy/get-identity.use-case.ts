import { z } from 'zod';
import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { type MembershipRepository } from '../../domain/tenancy/ports/membership-repository.port';
import { type UserRepository } from '../../domain/tenancy/ports/user-repository.port';
import { ROLES } from '../../domain/tenancy/role';
import { type Actor } from '../shared/actor';

export const IdentityView = z.object({
  id: z.uuid().describe('The user id, or the API key id for a key'),
  kind: z.enum(['user', 'api_key']),
  email: z.string().nullable(),
  display_name: z.string().nullable(),
  tenant_id: z.uuid().nullable(),
  project_id: z.uuid().nullable().describe('The project an API key is bound to'),
  role: z.enum(ROLES).nullable(),
  is_operator: z.boolean(),
  tenants: z.array(z.object({ id: z.uuid(), name: z.string(), role: z.enum(ROLES) })),
});
export type IdentityView = z.infer<typeof IdentityView>;

/** Who am I: the credential's identity, its current tenant and role, and the tenants it can switch to. */
export class GetIdentityUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly memberships: MembershipRepository,
  ) {}

  async execute(actor: Actor): Promise<Result<IdentityView>> {
    if (actor.kind === 'api_key') {
      return ok({
        id: actor.apiKeyId,
        kind: 'api_key',
        email: null,
        display_name: null,
        tenant_id: actor.tenantId,
        project_id: actor.projectId,
        role: actor.role,
        is_operator: false,
        tenants: [],
      });
    }
    const user = await this.users.findById(actor.userId);
    if (!user) return err(DomainError.unauthorized('this account no longer exists'));
    const memberships = await this.memberships.listForUser(actor.userId);
    return ok({
      id: user.id,
      kind: 'user',
      email: user.email,
      display_name: user.displayName,
      tenant_id: actor.tenantId,
      project_id: null,
      role: actor.role,
      is_operator: user.isOperator,
      tenants: memberships.map(({ tenant, membership }) => ({
        id: tenant.id,
        name: tenant.name,
        role: membership.role,
      })),
    });
  }
}
