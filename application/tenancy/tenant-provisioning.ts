import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { asTenantId } from '../../domain/shared/tenant-id';
import { type Email } from '../../domain/tenancy/email';
import { Membership } from '../../domain/tenancy/membership.entity';
import { type MembershipRepository } from '../../domain/tenancy/ports/membership-repository.port';
import { type ProjectRepository } from '../../domain/tenancy/ports/project-repository.port';
import { type TenantRepository } from '../../domain/tenancy/ports/tenant-repository.port';
import { type UserRepository } from '../../domain/tenancy/ports/user-repository.port';
import { Project } from '../../domain/tenancy/project.entity';
import { Tenant, type TenantPlan } from '../../domain/tenancy/tenant.entity';
import { User } from '../../domain/tenancy/user.entity';

export interface TenantRequest {
  readonly name: string;
  readonly plan?: TenantPlan;
  readonly projectName: string;
  readonly admin: {
    readonly email: Email;
    readonly passwordHash: string;
    readonly displayName?: string;
    readonly isOperator?: boolean;
  };
}

export interface ProvisionedTenant {
  readonly tenant: Tenant;
  readonly admin: User;
  readonly defaultProject: Project;
}

/**
 * A new tenant always starts the same way: the tenant, its first user as Admin, and a first
 * project. Used by self-service/operator creation and by the first start of an instance.
 */
export class TenantProvisioning {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly projects: ProjectRepository,
    private readonly users: UserRepository,
    private readonly memberships: MembershipRepository,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  /** Builds the aggregates (validation only, no I/O). */
  prepare(request: TenantRequest): Result<ProvisionedTenant> {
    const now = this.clock.now();
    const tenantId = asTenantId(this.ids.next());
    const tenant = Tenant.create({ id: tenantId, name: request.name, plan: request.plan, now });
    if (!tenant.ok) return tenant;
    const admin = User.register({ id: this.ids.next(), now, ...request.admin });
    if (!admin.ok) return admin;
    const project = Project.create({ id: this.ids.next(), tenantId, name: request.projectName, now });
    if (!project.ok) return project;
    return ok({ tenant: tenant.value, admin: admin.value, defaultProject: project.value });
  }

  /** Writes what `prepare` built; call it inside a unit of work of that tenant, so a conflict rolls back. */
  async store(provisioned: ProvisionedTenant): Promise<Result<ProvisionedTenant>> {
    const { tenant, admin, defaultProject } = provisioned;
    await this.tenants.create(tenant);
    if (!(await this.users.create(admin))) {
      return err(DomainError.conflict('a user with this email already exists', 'email_taken'));
    }
    await this.memberships.add(
      Membership.grant({ tenantId: tenant.id, userId: admin.id, role: 'admin', now: tenant.createdAt }),
    );
    await this.projects.create(defaultProject);
    return ok(provisioned);
  }
}
