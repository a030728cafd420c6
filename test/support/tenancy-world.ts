import { type ApiKeyActor, type UserActor } from '../../application/shared/actor';
import { TenantProvisioning } from '../../application/tenancy/tenant-provisioning';
import { type TenantId, asTenantId } from '../../domain/shared/tenant-id';
import { ApiKey, formatApiKey } from '../../domain/tenancy/api-key.entity';
import { type Email } from '../../domain/tenancy/email';
import { type Membership } from '../../domain/tenancy/membership.entity';
import { type Project } from '../../domain/tenancy/project.entity';
import { RefreshToken, Session } from '../../domain/tenancy/session.entity';
import { type ApiKeyRole, type Role } from '../../domain/tenancy/role';
import { type Tenant } from '../../domain/tenancy/tenant.entity';
import { User, type UserStatus } from '../../domain/tenancy/user.entity';
import { aMembership, aProject, aTenant, aUser } from './builders';
import {
  FakeAuditLog,
  FakeAccessTokens,
  FakeApiKeyRepository,
  FakeClock,
  FakeCredentialHousekeeping,
  FakeEventPublisher,
  FakeIdGenerator,
  FakeInstanceSettings,
  FakeInviteRepository,
  FakeMembershipRepository,
  FakePasswordHasher,
  FakeProjectRepository,
  FakeSecretTokens,
  FakeSessionRepository,
  FakeTenantRepository,
  FakeUnitOfWork,
  FakeUserRepository,
} from './fakes';

export const A_PASSWORD = 'correct horse battery staple';

/**
 * Every tenancy port as an in-memory fake, wired together (one unit of work over all stores), plus
 * seeding helpers that write straight into the fakes so a spec states only what it is about.
 */
export class TenancyWorld {
  readonly clock = new FakeClock();
  readonly ids = new FakeIdGenerator();
  readonly tokens = new FakeSecretTokens();
  readonly passwords = new FakePasswordHasher();
  readonly accessTokens = new FakeAccessTokens(this.clock);
  readonly events = new FakeEventPublisher();
  readonly audit = new FakeAuditLog();
  readonly settings = new FakeInstanceSettings();
  readonly tenants = new FakeTenantRepository();
  readonly users = new FakeUserRepository();
  readonly memberships = new FakeMembershipRepository(this.users, this.tenants);
  readonly projects = new FakeProjectRepository();
  readonly apiKeys = new FakeApiKeyRepository();
  readonly invites = new FakeInviteRepository();
  readonly sessions = new FakeSessionRepository();
  readonly housekeeping = new FakeCredentialHousekeeping(this.sessions, this.invites);
  readonly uow = new FakeUnitOfWork([
    this.audit,
    this.settings,
    this.tenants,
    this.users,
    this.memberships,
    this.projects,
    this.apiKeys,
    this.invites,
    this.sessions,
  ]);
  readonly provisioning = new TenantProvisioning(
    this.tenants,
    this.projects,
    this.users,
    this.memberships,
    this.ids,
    this.clock,
  );

  async givenTenant(name = 'Acme'): Promise<Tenant> {
    const tenant = aTenant({ id: asTenantId(this.ids.next()), name, now: this.clock.now() });
    await this.tenants.create(tenant);
    return tenant;
  }

  /** `password: null` makes an invited user; `status: 'disabled'` a disabled one. */
  async givenUser(
    options: { email?: string; password?: string | null; isOperator?: boolean; status?: UserStatus } = {},
  ): Promise<User> {
    const id = this.ids.next();
    const password = options.password === undefined ? A_PASSWORD : options.password;
    let user = aUser({
      id,
      email: options.email ?? `user-${id.slice(-4)}@example.test`,
      passwordHash: password === null ? null : FakePasswordHasher.hashOf(password),
      isOperator: options.isOperator,
    });
    if (options.status === 'disabled') user = disabled(user);
    if (!(await this.users.create(user))) throw new Error(`email ${user.email} is taken`);
    return user;
  }

  async givenMember(
    tenant: Tenant,
    role: Role,
    options: { email?: string; password?: string | null; user?: User } = {},
  ): Promise<{ user: User; membership: Membership; actor: UserActor }> {
    const user = options.user ?? (await this.givenUser(options));
    const membership = aMembership(tenant.id, user.id, role);
    if (!(await this.memberships.add(membership))) throw new Error('already a member');
    return { user, membership, actor: this.userActor(user, tenant.id, role) };
  }

  async givenProject(tenant: Tenant, name = 'checkout-agent'): Promise<Project> {
    const project = aProject(tenant.id, { id: this.ids.next(), name });
    if (!(await this.projects.create(project))) throw new Error(`project name ${name} is taken`);
    return project;
  }

  /** Stores a key whose secret is known, the way CreateApiKeyUseCase would (digest only). */
  async givenApiKey(
    project: Project,
    options: { role?: ApiKeyRole; expiresAt?: Date | null; revokedAt?: Date | null } = {},
  ): Promise<{ key: ApiKey; secret: string }> {
    const prefix = this.tokens.random(12);
    const secret = formatApiKey(prefix, this.tokens.random(32));
    const key = ApiKey.restore({
      id: this.ids.next(),
      tenantId: project.tenantId,
      projectId: project.id,
      name: 'ingest',
      prefix,
      secretHash: this.tokens.digest(secret),
      role: options.role ?? 'developer',
      createdBy: null,
      createdAt: this.clock.now(),
      lastUsedAt: null,
      expiresAt: options.expiresAt ?? null,
      revokedAt: options.revokedAt ?? null,
    });
    if (!(await this.apiKeys.create(key))) throw new Error('prefix taken');
    return { key, secret };
  }

  /** An open session with a known refresh token and access token, as LoginUseCase leaves it. */
  async givenSession(
    user: User,
    tenantId: TenantId | null,
    refreshTtlSeconds = 3600,
  ): Promise<{ session: Session; refreshToken: string; accessToken: string }> {
    const now = this.clock.now();
    const session = Session.open({ id: this.ids.next(), userId: user.id, tenantId, now });
    const refreshToken = `crt_${this.tokens.random(43)}`;
    const tokenHash = this.tokens.digest(refreshToken);
    await this.sessions.open(
      session,
      RefreshToken.issue({
        id: this.ids.next(),
        sessionId: session.id,
        tokenHash,
        now,
        ttlSeconds: refreshTtlSeconds,
      }),
    );
    const { token } = await this.accessTokens.issue({ userId: user.id, sessionId: session.id, tenantId });
    return { session, refreshToken, accessToken: token };
  }

  userActor(user: User, tenantId: TenantId | null, role: Role | null, sessionId?: string): UserActor {
    return {
      kind: 'user',
      userId: user.id,
      email: user.email,
      sessionId: sessionId ?? this.ids.next(),
      tenantId,
      role,
      isOperator: user.isOperator,
    };
  }

  async givenOperator(email = 'operator@cockpit.test'): Promise<{ user: User; actor: UserActor }> {
    const user = await this.givenUser({ email, isOperator: true });
    return { user, actor: this.userActor(user, null, null) };
  }

  apiKeyActor(key: ApiKey): ApiKeyActor {
    return {
      kind: 'api_key',
      apiKeyId: key.id,
      tenantId: key.tenantId,
      projectId: key.projectId,
      role: key.role,
    };
  }
}

export function disabled(user: User): User {
  return User.restore({
    id: user.id,
    email: user.email as Email,
    passwordHash: user.passwordHash,
    displayName: user.displayName,
    isOperator: user.isOperator,
    status: 'disabled',
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  });
}
