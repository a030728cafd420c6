import { asTenantId } from '../../../domain/shared/tenant-id';
import { Tenant, type TenantPlan } from '../../../domain/tenancy/tenant.entity';
import { TenantModel } from '../models/tenant.model';

export const TenantMapper = {
  toDomain(row: TenantModel): Tenant {
    return Tenant.restore({
      id: asTenantId(row.id),
      name: row.name,
      plan: row.plan as TenantPlan,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    });
  },
  toPersistence(tenant: Tenant): TenantModel {
    return Object.assign(new TenantModel(), {
      id: tenant.id,
      name: tenant.name,
      plan: tenant.plan,
      createdAt: tenant.createdAt,
      updatedAt: tenant.updatedAt,
    });
  },
};
