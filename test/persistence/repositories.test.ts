import { randomUUID } from 'node:crypto';
import { err, ok } from '../../domain/shared/result';
import { asTenantId } from '../../domain/shared/tenant-id';
import { RefreshToken, Session } from '../../domain/tenancy/session.entity';
import { type Database } from '../../infrastructure/persistence/database';
import { TypeormApiKeyRepository } from '../../infrastructure/persistence/repositories/typeorm-api-key.repository';
import { TypeormInstanceSettingsRepository } from '../../infrastructure/persistence/repositories/typeorm-instance-settings.repository';
import { TypeormMembershipRepository } from '../../infrastructure/persistence/repositories/typeorm-membership.repository';
import { TypeormProjectRepository } from '../../infrastructure/persistence/repositories/typeorm-project.repository';
import { TypeormSessionRepository } from '../../infrastructure/persistence/repositories/typeorm-session.repository';
import { TypeormTenantRepository } from '../../infrastructure/persistence/repositories/typeorm-tenant.repository';
import { TypeormUserRepository } from '../../infrastructure/persistence/repositories/typeorm-user.repository';
import { aMembership, aProject, aTenant, aUser, anApiKey } from '../support/builders';
import { type TestDatabase, engines, openTestDatabase } from '../support/test-database';

describe.each(engines())('repositories on %s', (engine) => {
  let testDb: TestDatabase;
  let db: Database;
  let tenants: TypeormTenantRepository;
  let users: TypeormUserRepository;
  let memberships: TypeormMembershipRepository;
  let projects: TypeormProjectRepository;
  let keys: TypeormApiKeyRepository;
  let sessions: TypeormSessionRepository;

  const acme = aTenant({ name: 'Acme' });
  const globex = aTenant({ name: 'Globex' });
  const alice = aUser({ email: 'alice@acme.test' });
  const bob = aUser({ email: 'bob@globex.test' });
  const acmeProject = aProject(acme.id, { name: 'checkout-agent' });
  const globexProject = aProject(globex.id, { name: 'support-agent' });

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    db = testDb.db;
    tenants = new TypeormTenantRepository(db);
    users = new TypeormUserRepository(db);
    memberships = new TypeormMembershipRepository(db);
    projects = new TypeormProjectRepository(db);
    keys = new TypeormApiKeyRepository(db);
    sessions = new TypeormSessionRepository(db);
    for (const [tenant, user, project] of [
      [acme, alice, acmeProject],
      [globex, bob, globexProject],
    ] as const) {
      await db.inTenant(tenant.id, async () => {
        await tenants.create(tenant);
        await users.create(user);
        await memberships.add(aMembership(tenant.id, user.id, 'admin'));
        await projects.create(project);
        return ok(undefined);
      });
    }
  });

  afterAll(async () => {
    await testDb?.close();
  });

  it('stores and restores every field of the tenancy aggregates', async () => {
    expect((await tenants.findById(acme.id))?.name).toBe('Acme');
    const restored = await projects.findById(acme.id, acmeProject.id);
    expect(restored).toMatchObject({
      id: acmeProject.id,
      tenantId: acme.id,
      name: 'checkout-agent',
      description: null,
    });
    expect(restored?.createdAt.toISOString()).toBe(acmeProject.createdAt.toISOString());
    expect((await users.findByEmail(alice.email))?.id).toBe(alice.id);
    expect((await memberships.find(acme.id, alice.id))?.role).toBe('admin');
    expect((await memberships.listForUser(alice.id)).map((m) => m.tenant.name)).toEqual(['Acme']);
  });

  it('reports a duplicate email or project name instead of failing the transaction', async () => {
    expect(await users.create(aUser({ email: 'alice@acme.test' }))).toBe(false);
    expect(await projects.create(aProject(acme.id, { name: 'CHECKOUT-agent' }))).toBe(false);
    // the same name in another tenant is fine
    expect(await projects.create(aProject(globex.id, { name: 'checkout-agent' }))).toBe(true);
  });

  it('never returns another tenant’s rows through a tenant-scoped repository', async () => {
    expect(await projects.findById(globex.id, acmeProject.id)).toBeNull();
    expect((await projects.list(globex.id)).map((p) => p.tenantId)).not.toContain(acme.id);
    expect(await memberships.find(globex.id, alice.id)).toBeNull();
    expect((await memberships.listByTenant(globex.id)).map((m) => m.user.email)).toEqual(['bob@globex.test']);
  });

  describe('row-level security (a query that forgets its WHERE clause)', () => {
    const countAll = (scope: Parameters<Database['run']>[0], table: string) =>
      db.run(scope, async (m) => Number((await m.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n));

    it('runs as the non-superuser application role', async () => {
      const [row] = await db.run({ tenantId: acme.id }, (m) =>
        m.query(
          `SELECT current_user AS name, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser`,
        ),
      );
      expect(row).toEqual({ name: 'cockpit_app', superuser: false });
    });

    it.each([
      'tenants',
      'projects',
      'memberships',
      'api_keys',
      'invites',
      'users',
      'sessions',
      'refresh_tokens',
    ])('returns zero rows of %s with no tenant context', async (table) => {
      expect(await countAll({}, table)).toBe(0);
    });

    it('returns only the current tenant’s rows with another tenant’s context', async () => {
      const rows = await db.run({ tenantId: globex.id }, (m) => m.query('SELECT tenant_id FROM projects'));
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row: { tenant_id: string }) => row.tenant_id === globex.id)).toBe(true);
      const visibleTenants = await db.run({ tenantId: globex.id }, (m) => m.query('SELECT id FROM tenants'));
      expect(visibleTenants).toEqual([{ id: globex.id }]);
      const visibleUsers = await db.run({ tenantId: globex.id }, (m) => m.query('SELECT email FROM users'));
      expect(visibleUsers).toEqual([{ email: 'bob@globex.test' }]);
    });

    it('refuses to write a row into a tenant other than the current one', async () => {
      await expect(
        db.run({ tenantId: globex.id }, (m) =>
          m.query(`INSERT INTO projects (id, tenant_id, name) VALUES ($1, $2, 'sneaky')`, [
            randomUUID(),
            acme.id,
          ]),
        ),
      ).rejects.toThrow(/row-level security/);
      expect((await projects.list(acme.id)).map((p) => p.name)).not.toContain('sneaky');
    });

    it('lets the operator scope see tenants but no tenant-owned data', async () => {
      expect(await countAll({ operator: true }, 'tenants')).toBeGreaterThanOrEqual(2);
      expect(await countAll({ operator: true }, 'projects')).toBe(0);
      expect(await countAll({ operator: true }, 'memberships')).toBe(0);
    });

    it('lets an API-key lookup see exactly the key with that prefix', async () => {
      const key = anApiKey(acme.id, acmeProject.id);
      const other = anApiKey(globex.id, globexProject.id);
      expect(await keys.create(key)).toBe(true);
      expect(await keys.create(other)).toBe(true);
      expect(await countAll({ apiKeyPrefix: key.prefix }, 'api_keys')).toBe(1);
      expect((await keys.findByPrefix(key.prefix))?.tenantId).toBe(acme.id);
      expect(await keys.findById(globex.id, key.id)).toBeNull();
    });
  });

  describe('units of work', () => {
    it('rolls back everything when the work returns a failure', async () => {
      const doomed = aProject(acme.id, { name: 'doomed' });
      const result = await db.inTenant(acme.id, async () => {
        await projects.create(doomed);
        return err({ code: 'conflict' } as never);
      });
      expect(result.ok).toBe(false);
      expect(await projects.findById(acme.id, doomed.id)).toBeNull();
    });

    it('refuses to reach into a second tenant inside one transaction', async () => {
      await expect(db.inTenant(acme.id, async () => ok(await projects.list(globex.id)))).rejects.toThrow(
        /second tenant/,
      );
    });

    it('serialises concurrent transactions correctly', async () => {
      const names = Array.from({ length: 20 }, (_, i) => `parallel-${i}`);
      const created = await Promise.all(
        names.map((name) =>
          db.inTenant(acme.id, async () => ok(await projects.create(aProject(acme.id, { name })))),
        ),
      );
      expect(created.every((r) => r.ok && r.value)).toBe(true);
      const listed = (await projects.list(acme.id)).map((p) => p.name);
      expect(listed).toEqual(expect.arrayContaining(names));
    });
  });

  describe('sessions and refresh tokens', () => {
    it('lets exactly one of two concurrent rotations of the same token win', async () => {
      const now = new Date();
      const session = Session.open({ id: randomUUID(), userId: alice.id, tenantId: acme.id, now });
      const first = RefreshToken.issue({
        id: randomUUID(),
        sessionId: session.id,
        tokenHash: randomUUID(),
        now,
        ttlSeconds: 60,
      });
      await sessions.open(session, first);
      const next = () =>
        RefreshToken.issue({
          id: randomUUID(),
          sessionId: session.id,
          tokenHash: randomUUID(),
          now,
          ttlSeconds: 60,
        });
      const outcomes = await Promise.all([
        sessions.rotate(first, next(), session, now),
        sessions.rotate(first, next(), session, now),
      ]);
      expect(outcomes.sort()).toEqual([false, true]);
      expect((await sessions.findRefreshToken(first.tokenHash))?.usedAt).not.toBeNull();
    });

    it('revokes a session once and keeps the first reason', async () => {
      const now = new Date();
      const session = Session.open({ id: randomUUID(), userId: bob.id, tenantId: globex.id, now });
      await sessions.open(
        session,
        RefreshToken.issue({
          id: randomUUID(),
          sessionId: session.id,
          tokenHash: randomUUID(),
          now,
          ttlSeconds: 60,
        }),
      );
      await sessions.revoke(session.id, 'logout', now);
      await sessions.revoke(session.id, 'refresh_token_reused', now);
      expect((await sessions.findById(session.id))?.revokeReason).toBe('logout');
    });
  });

  it('claims the instance bootstrap exactly once', async () => {
    const settings = new TypeormInstanceSettingsRepository(db);
    const claims = await Promise.all([
      settings.claimBootstrap(),
      settings.claimBootstrap(),
      settings.claimBootstrap(),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await settings.getOrCreateSecret('jwt', () => 'first')).toBe('first');
    expect(await settings.getOrCreateSecret('jwt', () => 'second')).toBe('first');
  });

  it('deletes a tenant together with everything it owns', async () => {
    const doomed = aTenant({ name: 'Doomed' });
    const project = aProject(doomed.id);
    await db.inTenant(doomed.id, async () => {
      await tenants.create(doomed);
      await projects.create(project);
      return ok(undefined);
    });
    await tenants.delete(doomed.id);
    expect(await tenants.findByIdForOperator(asTenantId(doomed.id))).toBeNull();
    expect(await projects.findById(doomed.id, project.id)).toBeNull();
  });
});
