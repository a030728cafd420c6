import { type TenantId } from '../../shared/tenant-id';
import { type Project } from '../project.entity';

export abstract class ProjectRepository {
  /** False when the tenant already has a project with this name (case-insensitive). */
  abstract create(project: Project): Promise<boolean>;
  abstract findById(tenantId: TenantId, projectId: string): Promise<Project | null>;
  abstract list(tenantId: TenantId): Promise<readonly Project[]>;
  /** False when the new name collides with another project of the tenant. */
  abstract update(project: Project): Promise<boolean>;
  abstract delete(tenantId: TenantId, projectId: string): Promise<void>;
}
