import { type KeysetPosition } from '../../../domain/shared/page';
import { type TenantId } from '../../../domain/shared/tenant-id';
import { TenantRepository } from '../../../domain/tenancy/ports/tenant-repository.port';
import { type Tenant } from '../../../domain/tenancy/tenant.entity';
import { type Database } from '../database';
import { TenantMapper } from '../mappers/tenant.mapper';
import { TenantModel } from '../models/tenant.model';

export class TypeormTenantRepository extends TenantRepository {
  constructor(private readonly db: Database) {
    super();
  }

  async create(tenant: Tenant): Promise<void> {
    await this.db.run({ tenantId: tenant.id }, (m) =>
      m.insert(TenantModel, TenantMapper.toPersistence(tenant)),
    );
  }

  async findById(tenantId: TenantId): Promise<Tenant | null> {
    const row = await this.db.run({ tenantId }, (m) => m.findOneBy(TenantModel, { id: tenantId }));
    return row ? TenantMapper.toDomain(row) : null;
  }

  async update(tenant: Tenant): Promise<void> {
    await this.db.run({ tenantId: tenant.id }, (m) =>
      m.update(TenantModel, { id: tenant.id }, TenantMapper.toPersistence(tenant)),
    );
  }

  async delete(tenantId: TenantId): Promise<void> {
    await this.db.run({ tenantId }, (m) => m.delete(TenantModel, { id: tenantId }));
  }

  async listAllForOperator(options: {
    limit: number;
    after: KeysetPosition | null;
  }): Promise<readonly Tenant[]> {
    const rows = await this.db.run({ operator: true }, (m) => {
      const query = m
        .createQueryBuilder(TenantModel, 't')
        .orderBy('t.created_at')
        .addOrderBy('t.id')
        .limit(options.limit);
      if (options.after) {
        query.where('(t.created_at, t.id) > (:at, :id)', { at: options.after.at, id: options.after.id });
      }
      return query.getMany();
    });
    return rows.map(TenantMapper.toDomain);
  }

  async findByIdForOperator(tenantId: TenantId): Promise<Tenant | null> {
    const row = await this.db.run({ operator: true }, (m) => m.findOneBy(TenantModel, { id: tenantId }));
    return row ? TenantMapper.toDomain(row) : null;
  }

  async updateForOperator(tenant: Tenant): Promise<void> {
    await this.db.run({ operator: true }, (m) =>
      m.update(TenantModel, { id: tenant.id }, TenantMapper.toPersistence(tenant)),
    );
  }
}
