import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { type ApiKey } from '../../domain/tenancy/api-key.entity';
import { type ApiKeyRepository } from '../../domain/tenancy/ports/api-key-repository.port';
import { type ProjectRepository } from '../../domain/tenancy/ports/project-repository.port';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';

export class ListApiKeysUseCase {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly keys: ApiKeyRepository,
  ) {}

  async execute(actor: Actor, projectId: string): Promise<Result<readonly ApiKey[]>> {
    const admin = authorizeTenant(actor, 'admin');
    if (!admin.ok) return admin;
    if (!(await this.projects.findById(admin.value.tenantId, projectId))) {
      return err(DomainError.notFound('project', projectId));
    }
    return ok(await this.keys.listByProject(admin.value.tenantId, projectId));
  }
}
