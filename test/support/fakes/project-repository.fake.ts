import { type TenantId } from '../../../domain/shared/tenant-id';
import { ProjectRepository } from '../../../domain/tenancy/ports/project-repository.port';
import { type Project } from '../../../domain/tenancy/project.entity';
import { type Transactional, snapshotMap } from './transactional';

/**
 * Projects by id, every read scoped to a tenant; names unique per tenant case-insensitively, like
 * the `lower(name)` index. Deleting a project does not cascade into the API-key fake.
 */
export class FakeProjectRepository extends ProjectRepository implements Transactional {
  private readonly rows = new Map<string, Project>();

  async create(project: Project): Promise<boolean> {
    if (this.rows.has(project.id) || this.nameTaken(project)) return false;
    this.rows.set(project.id, project);
    return true;
  }

  async findById(tenantId: TenantId, projectId: string): Promise<Project | null> {
    const project = this.rows.get(projectId);
    return project && project.tenantId === tenantId ? project : null;
  }

  async list(tenantId: TenantId): Promise<readonly Project[]> {
    return [...this.rows.values()].filter((project) => project.tenantId === tenantId);
  }

  async update(project: Project): Promise<boolean> {
    const current = this.rows.get(project.id);
    if (!current || current.tenantId !== project.tenantId) return true; // an UPDATE of no row
    if (this.nameTaken(project)) return false;
    this.rows.set(project.id, project);
    return true;
  }

  async delete(tenantId: TenantId, projectId: string): Promise<void> {
    if (this.rows.get(projectId)?.tenantId === tenantId) this.rows.delete(projectId);
  }

  all(): Project[] {
    return [...this.rows.values()];
  }

  snapshot(): () => void {
    return snapshotMap(this.rows);
  }

  private nameTaken(project: Project): boolean {
    const name = project.name.toLowerCase();
    return [...this.rows.values()].some(
      (other) =>
        other.id !== project.id && other.tenantId === project.tenantId && other.name.toLowerCase() === name,
    );
  }
}
