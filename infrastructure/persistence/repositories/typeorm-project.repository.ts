import { type TenantId } from '../../../domain/shared/tenant-id';
import { ProjectRepository } from '../../../domain/tenancy/ports/project-repository.port';
import { type Project } from '../../../domain/tenancy/project.entity';
import { type Database, execute } from '../database';
import { ProjectMapper } from '../mappers/project.mapper';
import { ProjectModel } from '../models/project.model';
import { insertIfAbsent } from '../sql';

export class TypeormProjectRepository extends ProjectRepository {
  constructor(private readonly db: Database) {
    super();
  }

  async create(project: Project): Promise<boolean> {
    return this.db.run({ tenantId: project.tenantId }, (m) =>
      insertIfAbsent(m, ProjectModel, ProjectMapper.toPersistence(project)),
    );
  }

  async findById(tenantId: TenantId, projectId: string): Promise<Project | null> {
    const row = await this.db.run({ tenantId }, (m) =>
      m.findOneBy(ProjectModel, { tenantId, id: projectId }),
    );
    return row ? ProjectMapper.toDomain(row) : null;
  }

  async list(tenantId: TenantId): Promise<readonly Project[]> {
    const rows = await this.db.run({ tenantId }, (m) =>
      m.find(ProjectModel, { where: { tenantId }, order: { createdAt: 'ASC', id: 'ASC' } }),
    );
    return rows.map(ProjectMapper.toDomain);
  }

  async update(project: Project): Promise<boolean> {
    const row = ProjectMapper.toPersistence(project);
    return this.db.run({ tenantId: project.tenantId }, async (m) => {
      // The name is unique per tenant: check in the same statement instead of catching a violation.
      const updated = await execute(
        m,
        `UPDATE projects SET name = $3, description = $4, updated_at = $5
          WHERE tenant_id = $1 AND id = $2
            AND NOT EXISTS (SELECT 1 FROM projects o WHERE o.tenant_id = $1 AND o.id <> $2 AND lower(o.name) = lower($3))`,
        [row.tenantId, row.id, row.name, row.description, row.updatedAt],
      );
      return updated === 1;
    });
  }

  async delete(tenantId: TenantId, projectId: string): Promise<void> {
    await this.db.run({ tenantId }, (m) => m.delete(ProjectModel, { tenantId, id: projectId }));
  }
}
