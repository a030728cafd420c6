import { z } from 'zod';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { asTenantId } from '../../domain/shared/tenant-id';
import { type TenantRepository } from '../../domain/tenancy/ports/tenant-repository.port';
import { TENANT_PLANS, type Tenant } from '../../domain/tenancy/tenant.entity';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';

export const UpdateTenantInput = z.strictObject({
  name: z.string().min(1).max(120).optional(),
  plan: z.enum(TENANT_PLANS).optional().describe('Operator only'),
});
export type UpdateTenantInput = z.infer<typeof UpdateTenantInput>;

/** A tenant's Admin renames it; only the operator changes its plan (and with it, retention). */
export class UpdateTenantUseCase {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, tenantId: string, input: UpdateTenantInput): Promise<Result<Tenant>> {
    const admin = authorizeTenant(actor, 'admin');
    const isOwnAdmin = admin.ok && admin.value.tenantId === tenantId;
    const isOperator = actor.kind === 'user' && actor.isOperator;
    if (!isOwnAdmin && !isOperator) {
      const member = authorizeTenant(actor, 'viewer');
      // A member without the Admin role learns why; anybody else learns nothing about the tenant.
      if (member.ok && member.value.tenantId === tenantId) return admin as Result<never>;
      return err(DomainError.notFound('tenant', tenantId));
    }
    if (input.plan !== undefined && !isOperator) {
      return err(DomainError.forbidden('only the instance operator can change the plan', 'operator_only'));
    }
    const id = asTenantId(tenantId);
    const current = isOwnAdmin ? await this.tenants.findById(id) : await this.tenants.findByIdForOperator(id);
    if (!current) return err(DomainError.notFound('tenant', tenantId));

    const now = this.clock.now();
    let next = current;
    if (input.name !== undefined) {
      const renamed = next.rename(input.name, now);
      if (!renamed.ok) return renamed;
      next = renamed.value;
    }
    if (input.plan !== undefined) next = next.changePlan(input.plan, now);
    if (isOwnAdmin) await this.tenants.update(next);
    else await this.tenants.updateForOperator(next);
    return ok(next);
  }
}
