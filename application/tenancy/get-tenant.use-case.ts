import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { asTenantId } from '../../domain/shared/tenant-id';
import { type TenantRepository } from '../../domain/tenancy/ports/tenant-repository.port';
import { type Tenant } from '../../domain/tenancy/tenant.entity';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';

/** Members see their own tenant; the operator sees any tenant's record (not its data). */
export class GetTenantUseCase {
  constructor(private readonly tenants: TenantRepository) {}

  async execute(actor: Actor, tenantId: string): Promise<Result<Tenant>> {
    const member = authorizeTenant(actor, 'viewer');
    let tenant: Tenant | null = null;
    if (member.ok && member.value.tenantId === tenantId) {
      tenant = await this.tenants.findById(member.value.tenantId);
    } else if (actor.kind === 'user' && actor.isOperator) {
      tenant = await this.tenants.findByIdForOperator(asTenantId(tenantId));
    }
    return tenant ? ok(tenant) : err(DomainError.notFound('tenant', tenantId));
  }
}
