import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { asTenantId } from '../../domain/shared/tenant-id';
import { type TenantRepository } from '../../domain/tenancy/ports/tenant-repository.port';
import { type Actor } from '../shared/actor';
import { authorizeOperator } from '../shared/authorize';

/** Removes a tenant and everything it owns. Operator only; users (global identities) remain. */
export class DeleteTenantUseCase {
  constructor(private readonly tenants: TenantRepository) {}

  async execute(actor: Actor, tenantId: string): Promise<Result<void>> {
    const operator = authorizeOperator(actor);
    if (!operator.ok) return operator;
    const id = asTenantId(tenantId);
    if (!(await this.tenants.findByIdForOperator(id))) return err(DomainError.notFound('tenant', tenantId));
    await this.tenants.delete(id);
    return ok(undefined);
  }
}
