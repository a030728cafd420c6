import { call, expectProblem, login } from '../support/http';
import { PASSWORD, type TenantFixture, createTenant } from '../support/tenant-fixture';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type TestApp, startTestApp } from '../support/test-app';
import { engines } from '../support/test-database';

describe.each(engines())('tenants, members and API keys (%s)', (engine) => {
  let app: TestApp;
  let operator: string;
  let acme: TenantFixture;
  let globex: TenantFixture;

  beforeAll(async () => {
    app = await startTestApp({ engine });
    operator = (await login(app, ADMIN_EMAIL, ADMIN_PASSWORD)).access_token;
    acme = await createTenant(app, 'Acme');
    globex = await createTenant(app, 'Globex');
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('creating tenants', () => {
    it('is reserved to the instance operator while sign-up is closed', async () => {
      const body = { name: 'Initech', admin_email: 'boss@initech.test', admin_password: PASSWORD };
      expectProblem(await call(app, 'POST', '/v1/tenants', { body }), 401);
      expectProblem(
        await call(app, 'POST', '/v1/tenants', { auth: acme.admin.token, body }),
        403,
        'operator-only',
      );
    });

    it('creates the tenant, its first Admin and a default project', async () => {
      const created = await call(app, 'POST', '/v1/tenants', {
        auth: operator,
        body: {
          name: 'Umbrella',
          admin_email: 'Boss@Umbrella.test',
          admin_password: PASSWORD,
          plan: 'enterprise',
        },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'Umbrella',
        plan: 'enterprise',
        retention_days: 90,
        admin: { email: 'boss@umbrella.test' },
        default_project: { name: 'default', tenant_id: created.body.id },
      });
      const me = await call(app, 'GET', '/v1/me', {
        auth: (await login(app, 'boss@umbrella.test', PASSWORD)).access_token,
      });
      expect(me.body).toMatchObject({ tenant_id: created.body.id, role: 'admin', is_operator: false });
    });

    it('refuses an admin email that already belongs to a user, and stores nothing', async () => {
      const reply = await call(app, 'POST', '/v1/tenants', {
        auth: operator,
        body: { name: 'Duplicate Co', admin_email: acme.admin.email, admin_password: PASSWORD },
      });
      expectProblem(reply, 409, 'email-taken');
      const all = await call(app, 'GET', '/v1/tenants?scope=all', { auth: operator });
      expect(all.body.items.map((t: { name: string }) => t.name)).not.toContain('Duplicate Co');
    });

    it('rejects a short password with the field named', async () => {
      const reply = await call(app, 'POST', '/v1/tenants', {
        auth: operator,
        body: { name: 'Weak', admin_email: 'weak@weak.test', admin_password: 'short' },
      });
      expect(expectProblem(reply, 400, 'validation').errors[0].path).toBe('body.admin_password');
    });
  });

  describe('the operator', () => {
    it('lists every tenant with scope=all, page by page', async () => {
      const first = await call(app, 'GET', '/v1/tenants?scope=all&limit=2', { auth: operator });
      expect(first.body.items).toHaveLength(2);
      expect(first.body.next_cursor).toEqual(expect.any(String));
      const second = await call(
        app,
        'GET',
        `/v1/tenants?scope=all&limit=2&cursor=${first.body.next_cursor}`,
        { auth: operator },
      );
      const ids = [...first.body.items, ...second.body.items].map((t: { id: string }) => t.id);
      expect(new Set(ids).size).toBe(ids.length);
      expectProblem(
        await call(app, 'GET', '/v1/tenants?scope=all&cursor=garbage', { auth: operator }),
        400,
        'validation',
      );
    });

    it('is refused scope=all when not the operator', async () => {
      expectProblem(
        await call(app, 'GET', '/v1/tenants?scope=all', { auth: acme.admin.token }),
        403,
        'operator-only',
      );
    });

    it("reads a tenant's record but none of its data without being a member", async () => {
      expect((await call(app, 'GET', `/v1/tenants/${acme.tenantId}`, { auth: operator })).status).toBe(200);
      expectProblem(await call(app, 'GET', `/v1/tenants/${acme.tenantId}/members`, { auth: operator }), 404);
      expectProblem(await call(app, 'GET', `/v1/projects/${acme.projectId}`, { auth: operator }), 404);
      const projects = await call(app, 'GET', '/v1/projects', { auth: operator });
      expect(projects.body.items.map((p: { tenant_id: string }) => p.tenant_id)).not.toContain(acme.tenantId);
    });

    it('changes a plan, which a tenant Admin may not', async () => {
      expectProblem(
        await call(app, 'PATCH', `/v1/tenants/${acme.tenantId}`, {
          auth: acme.admin.token,
          body: { plan: 'free' },
        }),
        403,
        'operator-only',
      );
      const changed = await call(app, 'PATCH', `/v1/tenants/${acme.tenantId}`, {
        auth: operator,
        body: { plan: 'free' },
      });
      expect(changed.body).toMatchObject({ plan: 'free', retention_days: 7 });
    });

    it('deletes a tenant, which ends its members’ access', async () => {
      const doomed = await createTenant(app, 'Doomed');
      expect((await call(app, 'DELETE', `/v1/tenants/${doomed.tenantId}`, { auth: operator })).status).toBe(
        204,
      );
      expectProblem(
        await call(app, 'GET', '/v1/projects', { auth: doomed.admin.token }),
        401,
        'membership-removed',
      );
      expectProblem(await call(app, 'GET', '/v1/me', { auth: doomed.apiKey }), 401);
      expectProblem(await call(app, 'DELETE', `/v1/tenants/${doomed.tenantId}`, { auth: operator }), 404);
    });
  });

  describe('members', () => {
    it('invites a person without a password through a one-time link', async () => {
      const added = await call(app, 'POST', `/v1/tenants/${acme.tenantId}/members`, {
        auth: acme.admin.token,
        body: { email: 'newcomer@acme.test', role: 'developer' },
      });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ status: 'invited', role: 'developer' });
      const token = new URL(added.body.invite_url).hash.replace('#token=', '');
      expect(token).toMatch(/^cki_/);
      expectProblem(
        await call(app, 'POST', '/v1/auth/login', {
          body: { email: 'newcomer@acme.test', password: PASSWORD },
        }),
        401,
      );

      const page = await call(app, 'GET', '/invite');
      expect(page.status).toBe(200);
      expect(String(page.headers['content-type'])).toMatch(/text\/html/);

      const accepted = await call(app, 'POST', '/v1/invites:accept', { body: { token, password: PASSWORD } });
      expect(accepted.body).toMatchObject({ email: 'newcomer@acme.test', status: 'active' });
      expectProblem(
        await call(app, 'POST', '/v1/invites:accept', { body: { token, password: PASSWORD } }),
        410,
        'invite-used',
      );
      const me = await call(app, 'GET', '/v1/me', {
        auth: (await login(app, 'newcomer@acme.test', PASSWORD)).access_token,
      });
      expect(me.body).toMatchObject({ tenant_id: acme.tenantId, role: 'developer' });
    });

    it('adds an existing user of another tenant, who can then switch tenants', async () => {
      const added = await call(app, 'POST', `/v1/tenants/${globex.tenantId}/members`, {
        auth: globex.admin.token,
        body: { email: acme.members.viewer.email, role: 'approver' },
      });
      expect(added.body).toMatchObject({ status: 'active', invite_url: null });
      const tokens = await login(app, acme.members.viewer.email, PASSWORD);
      const switched = await call(app, 'POST', '/v1/auth/refresh', {
        body: { refresh_token: tokens.refresh_token, tenant_id: globex.tenantId },
      });
      const me = await call(app, 'GET', '/v1/me', { auth: switched.body.access_token });
      expect(me.body).toMatchObject({ tenant_id: globex.tenantId, role: 'approver' });
      expect(me.body.tenants).toHaveLength(2);
    });

    it('refuses a duplicate membership and a password for an existing user', async () => {
      const again = { email: acme.members.developer.email, role: 'viewer' };
      expectProblem(
        await call(app, 'POST', `/v1/tenants/${acme.tenantId}/members`, {
          auth: acme.admin.token,
          body: again,
        }),
        409,
        'already-member',
      );
      const withPassword = { email: globex.admin.email, role: 'viewer', password: PASSWORD };
      expectProblem(
        await call(app, 'POST', `/v1/tenants/${acme.tenantId}/members`, {
          auth: acme.admin.token,
          body: withPassword,
        }),
        409,
        'user-exists',
      );
    });

    it('never leaves a tenant without an Admin', async () => {
      const path = `/v1/tenants/${acme.tenantId}/members/${acme.admin.userId}`;
      expectProblem(
        await call(app, 'PATCH', path, { auth: acme.admin.token, body: { role: 'viewer' } }),
        409,
        'last-admin',
      );
      expectProblem(await call(app, 'DELETE', path, { auth: acme.admin.token }), 409, 'last-admin');
    });

    it('removes a member, whose next request is refused', async () => {
      const t = await createTenant(app, 'Removal');
      expect(
        (
          await call(app, 'DELETE', `/v1/tenants/${t.tenantId}/members/${t.members.developer.userId}`, {
            auth: t.admin.token,
          })
        ).status,
      ).toBe(204);
      expectProblem(
        await call(app, 'GET', '/v1/projects', { auth: t.members.developer.token }),
        401,
        'membership-removed',
      );
    });

    it('keeps member listings away from API keys', async () => {
      expectProblem(
        await call(app, 'GET', `/v1/tenants/${acme.tenantId}/members`, { auth: acme.apiKey }),
        403,
        'users-only',
      );
    });
  });

  describe('API keys', () => {
    let key: { id: string; key: string; prefix: string };

    beforeAll(async () => {
      key = (
        await call(app, 'POST', `/v1/projects/${acme.projectId}/api-keys`, {
          auth: acme.admin.token,
          body: { name: 'sdk', expires_in_days: 30 },
        })
      ).body;
    });

    it('shows the key once, and only its prefix afterwards', async () => {
      expect(key.key).toMatch(/^ck_[A-Za-z0-9]{12}_[A-Za-z0-9]{32}$/);
      expect(key.key.startsWith(`ck_${key.prefix}_`)).toBe(true);
      const list = await call(app, 'GET', `/v1/projects/${acme.projectId}/api-keys`, {
        auth: acme.admin.token,
      });
      const listed = list.body.items.find((k: { id: string }) => k.id === key.id);
      expect(listed).toMatchObject({ prefix: key.prefix, role: 'developer', revoked_at: null });
      expect(JSON.stringify(list.body)).not.toContain(key.key.slice(16));
      expect(listed).not.toHaveProperty('secret_hash');
    });

    it('stores only a digest: the key appears nowhere in the database', async () => {
      const dump = await app.cockpit.runtime.db.run({ tenantId: acme.tenantId }, (m) =>
        m.query('SELECT row_to_json(k)::text AS row FROM api_keys k'),
      );
      const text = dump.map((r: { row: string }) => r.row).join('\n');
      expect(text).toContain(key.prefix);
      expect(text).not.toContain(key.key);
      expect(text).not.toContain(key.key.slice(16));
    });

    it('authenticates as Bearer and as X-Api-Key, bound to its project', async () => {
      const bearer = await call(app, 'GET', '/v1/me', { auth: key.key });
      expect(bearer.body).toMatchObject({
        kind: 'api_key',
        tenant_id: acme.tenantId,
        project_id: acme.projectId,
        role: 'developer',
      });
      const header = await call(app, 'GET', '/v1/projects', { headers: { 'x-api-key': key.key } });
      expect(header.body.items.map((p: { id: string }) => p.id)).toEqual([acme.projectId]);
    });

    it('is refused when only its secret part is wrong', async () => {
      const wrong = `${key.key.slice(0, -1)}${key.key.endsWith('A') ? 'B' : 'A'}`;
      expectProblem(await call(app, 'GET', '/v1/me', { auth: wrong }), 401, 'invalid-api-key');
    });

    it('cannot manage keys, projects or people', async () => {
      expectProblem(
        await call(app, 'POST', `/v1/projects/${acme.projectId}/api-keys`, {
          auth: key.key,
          body: { name: 'x' },
        }),
        403,
      );
      expectProblem(await call(app, 'POST', '/v1/projects', { auth: key.key, body: { name: 'x' } }), 403);
    });

    it('stops working as soon as it is revoked, and revoking twice is harmless', async () => {
      const path = `/v1/projects/${acme.projectId}/api-keys/${key.id}`;
      const first = await call(app, 'DELETE', path, { auth: acme.admin.token });
      expect(first.body.revoked_at).toEqual(expect.any(String));
      const second = await call(app, 'DELETE', path, { auth: acme.admin.token });
      expect(second.body.revoked_at).toBe(first.body.revoked_at);
      expectProblem(await call(app, 'GET', '/v1/me', { auth: key.key }), 401, 'api-key-revoked');
    });
  });

  it('keeps project names unique per tenant, case-insensitively', async () => {
    expect(
      (await call(app, 'POST', '/v1/projects', { auth: acme.admin.token, body: { name: 'Payments' } }))
        .status,
    ).toBe(201);
    expectProblem(
      await call(app, 'POST', '/v1/projects', { auth: acme.admin.token, body: { name: 'payments' } }),
      409,
      'project-name-taken',
    );
    expect(
      (await call(app, 'POST', '/v1/projects', { auth: globex.admin.token, body: { name: 'payments' } }))
        .status,
    ).toBe(201);
  });
});

describe('self-service sign-up (COCKPIT_SIGNUP=open)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { COCKPIT_SIGNUP: 'open' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lets anyone create a tenant, but not choose its plan', async () => {
    const body = { name: 'Startup', admin_email: 'founder@startup.test', admin_password: PASSWORD };
    const created = await call(app, 'POST', '/v1/tenants', { body });
    expect(created.status).toBe(201);
    expect(created.body.plan).toBe('team');
    const withPlan = { ...body, admin_email: 'other@startup.test', plan: 'enterprise' };
    expectProblem(await call(app, 'POST', '/v1/tenants', { body: withPlan }), 403, 'operator-only');
  });
});
