import { Module } from '@nestjs/common';
import { AcceptInviteUseCase } from '../../application/tenancy/accept-invite.use-case';
import { AddMemberUseCase } from '../../application/tenancy/add-member.use-case';
import { AuthenticateUseCase } from '../../application/tenancy/authenticate.use-case';
import { BootstrapInstanceUseCase } from '../../application/tenancy/bootstrap-instance.use-case';
import { ChangeMemberRoleUseCase } from '../../application/tenancy/change-member-role.use-case';
import { CreateApiKeyUseCase } from '../../application/tenancy/create-api-key.use-case';
import { CreateProjectUseCase } from '../../application/tenancy/create-project.use-case';
import { CreateTenantUseCase } from '../../application/tenancy/create-tenant.use-case';
import { DeleteProjectUseCase } from '../../application/tenancy/delete-project.use-case';
import { DeleteTenantUseCase } from '../../application/tenancy/delete-tenant.use-case';
import { GetIdentityUseCase } from '../../application/tenancy/get-identity.use-case';
import { GetProjectUseCase } from '../../application/tenancy/get-project.use-case';
import { GetTenantUseCase } from '../../application/tenancy/get-tenant.use-case';
import { ListApiKeysUseCase } from '../../application/tenancy/list-api-keys.use-case';
import { ListMembersUseCase } from '../../application/tenancy/list-members.use-case';
import { ListProjectsUseCase } from '../../application/tenancy/list-projects.use-case';
import { ListTenantsUseCase } from '../../application/tenancy/list-tenants.use-case';
import { LoginUseCase } from '../../application/tenancy/login.use-case';
import { LogoutUseCase } from '../../application/tenancy/logout.use-case';
import { RefreshSessionUseCase } from '../../application/tenancy/refresh-session.use-case';
import { RemoveMemberUseCase } from '../../application/tenancy/remove-member.use-case';
import { RevokeApiKeyUseCase } from '../../application/tenancy/revoke-api-key.use-case';
import { TenantProvisioning } from '../../application/tenancy/tenant-provisioning';
import { UpdateProjectUseCase } from '../../application/tenancy/update-project.use-case';
import { UpdateTenantUseCase } from '../../application/tenancy/update-tenant.use-case';
import { AuditLog } from '../../domain/audit/ports/audit-log.port';
import { Clock } from '../../domain/shared/ports/clock.port';
import { EventBus, EventPublisher } from '../../domain/shared/ports/event-publisher.port';
import { IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { AccessTokens } from '../../domain/tenancy/ports/access-tokens.port';
import { ApiKeyRepository } from '../../domain/tenancy/ports/api-key-repository.port';
import { InstanceSettings } from '../../domain/tenancy/ports/instance-settings.port';
import { InviteRepository } from '../../domain/tenancy/ports/invite-repository.port';
import { MembershipRepository } from '../../domain/tenancy/ports/membership-repository.port';
import { PasswordHasher } from '../../domain/tenancy/ports/password-hasher.port';
import { ProjectRepository } from '../../domain/tenancy/ports/project-repository.port';
import { SecretTokens } from '../../domain/tenancy/ports/secret-tokens.port';
import { SessionRepository } from '../../domain/tenancy/ports/session-repository.port';
import { TenantRepository } from '../../domain/tenancy/ports/tenant-repository.port';
import { UserRepository } from '../../domain/tenancy/ports/user-repository.port';
import { BcryptPasswordHasher } from '../../infrastructure/crypto/bcrypt-password-hasher';
import { JoseAccessTokens } from '../../infrastructure/crypto/jose-access-tokens';
import { NodeSecretTokens } from '../../infrastructure/crypto/node-secret-tokens';
import { Database } from '../../infrastructure/persistence/database';
import { CachingApiKeyRepository } from '../../infrastructure/persistence/repositories/caching-api-key.repository';
import { TypeormApiKeyRepository } from '../../infrastructure/persistence/repositories/typeorm-api-key.repository';
import { TypeormInstanceSettingsRepository } from '../../infrastructure/persistence/repositories/typeorm-instance-settings.repository';
import { TypeormInviteRepository } from '../../infrastructure/persistence/repositories/typeorm-invite.repository';
import { TypeormMembershipRepository } from '../../infrastructure/persistence/repositories/typeorm-membership.repository';
import { TypeormProjectRepository } from '../../infrastructure/persistence/repositories/typeorm-project.repository';
import { TypeormSessionRepository } from '../../infrastructure/persistence/repositories/typeorm-session.repository';
import { TypeormTenantRepository } from '../../infrastructure/persistence/repositories/typeorm-tenant.repository';
import { TypeormUserRepository } from '../../infrastructure/persistence/repositories/typeorm-user.repository';
import { ApiKeysController } from '../../presentation/http/controllers/api-keys.controller';
import { AuthController } from '../../presentation/http/controllers/auth.controller';
import { InvitesController } from '../../presentation/http/controllers/invites.controller';
import { MeController } from '../../presentation/http/controllers/me.controller';
import { MembersController } from '../../presentation/http/controllers/members.controller';
import { ProjectsController } from '../../presentation/http/controllers/projects.controller';
import { TenantsController } from '../../presentation/http/controllers/tenants.controller';
import { Runtime } from '../runtime';
import { adapter, useCase } from './providers';

const tokens = [SecretTokens] as const;
const sessions = (r: Runtime) => ({ refreshTtlSeconds: r.config.COCKPIT_REFRESH_TOKEN_TTL });

/** Tenants, projects, people, sessions and API keys. */
@Module({
  controllers: [
    AuthController,
    MeController,
    TenantsController,
    MembersController,
    ProjectsController,
    ApiKeysController,
    InvitesController,
  ],
  providers: [
    ...adapter(TenantRepository, TypeormTenantRepository, [Database]),
    ...adapter(ProjectRepository, TypeormProjectRepository, [Database]),
    ...adapter(UserRepository, TypeormUserRepository, [Database]),
    ...adapter(MembershipRepository, TypeormMembershipRepository, [Database]),
    {
      provide: TypeormApiKeyRepository,
      useFactory: (db: Database) => new TypeormApiKeyRepository(db),
      inject: [Database],
    },
    ...adapter(ApiKeyRepository, CachingApiKeyRepository, [TypeormApiKeyRepository, EventBus]),
    ...adapter(InviteRepository, TypeormInviteRepository, [Database]),
    ...adapter(SessionRepository, TypeormSessionRepository, [Database]),
    ...adapter(InstanceSettings, TypeormInstanceSettingsRepository, [Database]),
    ...adapter(SecretTokens, NodeSecretTokens, []),
    {
      provide: BcryptPasswordHasher,
      useFactory: (r: Runtime) => new BcryptPasswordHasher(r.config.COCKPIT_BCRYPT_COST),
      inject: [Runtime],
    },
    { provide: PasswordHasher, useExisting: BcryptPasswordHasher },
    {
      provide: JoseAccessTokens,
      useFactory: (r: Runtime) => new JoseAccessTokens(r.jwtSecret, r.config.COCKPIT_ACCESS_TOKEN_TTL),
      inject: [Runtime],
    },
    { provide: AccessTokens, useExisting: JoseAccessTokens },

    useCase(AuthenticateUseCase, [
      ApiKeyRepository,
      SessionRepository,
      UserRepository,
      MembershipRepository,
      AccessTokens,
      ...tokens,
      Clock,
    ]),
    useCase(
      LoginUseCase,
      [
        UserRepository,
        MembershipRepository,
        SessionRepository,
        PasswordHasher,
        AccessTokens,
        ...tokens,
        IdGenerator,
        Clock,
      ],
      sessions,
    ),
    useCase(
      RefreshSessionUseCase,
      [SessionRepository, UserRepository, MembershipRepository, AccessTokens, ...tokens, IdGenerator, Clock],
      sessions,
    ),
    useCase(LogoutUseCase, [SessionRepository, ...tokens, Clock]),
    useCase(GetIdentityUseCase, [UserRepository, MembershipRepository]),
    useCase(TenantProvisioning, [
      TenantRepository,
      ProjectRepository,
      UserRepository,
      MembershipRepository,
      IdGenerator,
      Clock,
    ]),
    useCase(BootstrapInstanceUseCase, [
      InstanceSettings,
      TenantProvisioning,
      UnitOfWork,
      PasswordHasher,
      ...tokens,
    ]),
    useCase(CreateTenantUseCase, [TenantProvisioning, UnitOfWork, PasswordHasher], (r) => ({
      signupOpen: r.config.COCKPIT_SIGNUP === 'open',
    })),
    useCase(ListTenantsUseCase, [TenantRepository, MembershipRepository]),
    useCase(GetTenantUseCase, [TenantRepository]),
    useCase(UpdateTenantUseCase, [TenantRepository, Clock]),
    useCase(DeleteTenantUseCase, [TenantRepository]),
    useCase(CreateProjectUseCase, [ProjectRepository, EventPublisher, IdGenerator, Clock]),
    useCase(ListProjectsUseCase, [ProjectRepository]),
    useCase(GetProjectUseCase, [ProjectRepository]),
    useCase(UpdateProjectUseCase, [ProjectRepository, Clock]),
    useCase(DeleteProjectUseCase, [ProjectRepository]),
    useCase(
      AddMemberUseCase,
      [
        UserRepository,
        MembershipRepository,
        InviteRepository,
        UnitOfWork,
        PasswordHasher,
        ...tokens,
        EventPublisher,
        IdGenerator,
        Clock,
        AuditLog,
      ],
      (r) => ({
        inviteUrl: (token: string) => `${r.publicUrl}/invite#token=${encodeURIComponent(token)}`,
      }),
    ),
    useCase(ListMembersUseCase, [MembershipRepository]),
    useCase(ChangeMemberRoleUseCase, [MembershipRepository, UserRepository, UnitOfWork, Clock, AuditLog]),
    useCase(RemoveMemberUseCase, [MembershipRepository, UnitOfWork, AuditLog, Clock]),
    useCase(AcceptInviteUseCase, [
      InviteRepository,
      UserRepository,
      UnitOfWork,
      PasswordHasher,
      ...tokens,
      Clock,
    ]),
    useCase(CreateApiKeyUseCase, [
      ProjectRepository,
      ApiKeyRepository,
      ...tokens,
      EventPublisher,
      IdGenerator,
      Clock,
      AuditLog,
      UnitOfWork,
    ]),
    useCase(ListApiKeysUseCase, [ProjectRepository, ApiKeyRepository]),
    useCase(RevokeApiKeyUseCase, [ApiKeyRepository, EventPublisher, Clock, AuditLog, UnitOfWork]),
  ],
  exports: [
    AuthenticateUseCase,
    BootstrapInstanceUseCase,
    ListProjectsUseCase,
    GetProjectUseCase,
    GetIdentityUseCase,
    ProjectRepository,
    SecretTokens,
  ],
})
export class TenancyModule {}
