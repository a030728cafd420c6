import { z } from 'zod';
import { type Page } from '../../domain/shared/page';
import { type Result, ok } from '../../domain/shared/result';
import { type MembershipRepository } from '../../domain/tenancy/ports/membership-repository.port';
import { type TenantRepository } from '../../domain/tenancy/ports/tenant-repository.port';
import { type Role } from '../../domain/tenancy/role';
import { type Tenant } from '../../domain/tenancy/tenant.entity';
import { type Actor } from '../shared/actor';
import { authorizeOperator } from '../shared/authorize';
import { pageOf, positionFrom } from '../shared/cursor';

export const ListTenantsInput = z.strictObject({
  scope: z
    .enum(['mine', 'all'])
    .default('mine')
    .describe('`all` lists every tenant of the instance (operator only); `mine` the tenants you belong to'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListTenantsInput = z.infer<typeof ListTenantsInput>;

export interface ListedTenant {
  readonly tenant: Tenant;
  /** The caller's role in the tenant; null when the operator lists tenants it is not a member of. */
  readonly role: Role | null;
}

export class ListTenantsUseCase {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly memberships: MembershipRepository,
  ) {}

  async execute(actor: Actor, input: ListTenantsInput): Promise<Result<Page<ListedTenant>>> {
    if (input.scope === 'all') {
      const operator = authorizeOperator(actor);
      if (!operator.ok) return operator;
      const after = positionFrom(input.cursor);
      if (!after.ok) return after;
      const rows = await this.tenants.listAllForOperator({ limit: input.limit + 1, after: after.value });
      const page = pageOf(rows, input.limit, (tenant) => ({ at: tenant.createdAt, id: tenant.id }));
      return ok({ items: page.items.map((tenant) => ({ tenant, role: null })), nextCursor: page.nextCursor });
    }
    if (actor.kind === 'api_key') {
      const tenant = await this.tenants.findById(actor.tenantId);
      return ok({ items: tenant ? [{ tenant, role: actor.role }] : [], nextCursor: null });
    }
    const mine = await this.memberships.listForUser(actor.userId);
    return ok({
      items: mine.map(({ tenant, membership }) => ({ tenant, role: membership.role })),
      nextCursor: null,
    });
  }
}
