import { asTenantId } from '../../../domain/shared/tenant-id';
import { Project } from '../../../domain/tenancy/project.entity';
import { ProjectModel } from '../models/project.model';

export const ProjectMapper = {
  toDomain(row: ProjectModel): Project {
    return Project.restore({
      id: row.id,
      tenantId: asTenantId(row.tenantId),
      name: row.name,
      description: row.description,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    });
  },
  toPersistence(project: Project): ProjectModel {
    return Object.assign(new ProjectModel(), {
      id: project.id,
      tenantId: project.tenantId,
      name: project.name,
      description: project.description,
      createdAt: project.createdAt,
      updatedAt: project.updatedAt,
    });
  },
};
