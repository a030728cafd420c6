import { randomUUID } from 'node:crypto';
import { call, expectProblem } from '../support/http';
import { type TenantFixture, createTenant } from '../support/tenant-fixture';
import { type TestApp, startTestApp } from '../support/test-app';
import { engines } from '../support/test-database';

/**
 * Every tenant route, three ways: a role below the route's minimum gets 403, another tenant's ids
 * get 404 (never 403: existence is not revealed), and malformed input gets problem+json 400.
 */
interface Route {
  readonly name: string;
  readonly method: string;
  readonly path: (t: TenantFixture, extra: Extra) => string;
  readonly body?: (t: TenantFixture) => unknown;
  readonly minimum: 'viewer' | 'developer' | 'approver' | 'admin';
  /** A body that fails validation (unknown field or wrong type). */
  readonly badBody?: unknown;
  readonly hasIds: boolean;
}

interface Extra {
  readonly keyId: string;
}

const ROUTES: Route[] = [
  { name: 'list projects', method: 'GET', path: () => '/v1/projects', minimum: 'viewer', hasIds: false },
  {
    name: 'get project',
    method: 'GET',
    path: (t) => `/v1/projects/${t.projectId}`,
    minimum: 'viewer',
    hasIds: true,
  },
  {
    name: 'create project',
    method: 'POST',
    path: () => '/v1/projects',
    body: () => ({ name: `p-${randomUUID().slice(0, 8)}` }),
    badBody: { name: 'x', owner: 'me' },
    minimum: 'admin',
    hasIds: false,
  },
  {
    name: 'update project',
    method: 'PATCH',
    path: (t) => `/v1/projects/${t.projectId}`,
    body: () => ({ description: 'updated' }),
    badBody: { name: 42 },
    minimum: 'admin',
    hasIds: true,
  },
  {
    name: 'list members',
    method: 'GET',
    path: (t) => `/v1/tenants/${t.tenantId}/members`,
    minimum: 'viewer',
    hasIds: true,
  },
  {
    name: 'add member',
    method: 'POST',
    path: (t) => `/v1/tenants/${t.tenantId}/members`,
    body: () => ({ email: `new-${randomUUID().slice(0, 8)}@x.test`, role: 'viewer' }),
    badBody: { email: 'a@b.test', role: 'owner' },
    minimum: 'admin',
    hasIds: true,
  },
  {
    name: 'change member role',
    method: 'PATCH',
    path: (t) => `/v1/tenants/${t.tenantId}/members/${t.members.viewer.userId}`,
    body: () => ({ role: 'viewer' }),
    badBody: { role: 'root' },
    minimum: 'admin',
    hasIds: true,
  },
  {
    name: 'list api keys',
    method: 'GET',
    path: (t) => `/v1/projects/${t.projectId}/api-keys`,
    minimum: 'admin',
    hasIds: true,
  },
  {
    name: 'create api key',
    method: 'POST',
    path: (t) => `/v1/projects/${t.projectId}/api-keys`,
    body: () => ({ name: 'k' }),
    badBody: { name: 'k', role: 'admin' },
    minimum: 'admin',
    hasIds: true,
  },
  {
    name: 'revoke api key',
    method: 'DELETE',
    path: (t, extra) => `/v1/projects/${t.projectId}/api-keys/${extra.keyId}`,
    minimum: 'admin',
    hasIds: true,
  },
  {
    name: 'rename tenant',
    method: 'PATCH',
    path: (t) => `/v1/tenants/${t.tenantId}`,
    body: (t) => ({ name: `Tenant ${t.tenantId.slice(0, 4)}` }),
    badBody: { name: '' },
    minimum: 'admin',
    hasIds: true,
  },
  {
    name: 'get tenant',
    method: 'GET',
    path: (t) => `/v1/tenants/${t.tenantId}`,
    minimum: 'viewer',
    hasIds: true,
  },
];

const BELOW: Record<Route['minimum'], readonly ('viewer' | 'developer' | 'approver')[]> = {
  viewer: [],
  developer: ['viewer'],
  approver: ['viewer', 'developer'],
  admin: ['viewer', 'developer', 'approver'],
};

describe.each(engines())('tenant routes are guarded (%s)', (engine) => {
  let app: TestApp;
  let acme: TenantFixture;
  let globex: TenantFixture;
  const extra: Record<string, Extra> = {};

  beforeAll(async () => {
    app = await startTestApp({ engine });
    acme = await createTenant(app, 'Acme');
    globex = await createTenant(app, 'Globex');
    for (const t of [acme, globex]) {
      const key = await call(app, 'POST', `/v1/projects/${t.projectId}/api-keys`, {
        auth: t.admin.token,
        body: { name: 'spare' },
      });
      extra[t.tenantId] = { keyId: key.body.id };
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  const send = (route: Route, owner: TenantFixture, token: string, body?: unknown) =>
    call(app, route.method, route.path(owner, extra[owner.tenantId] as Extra), {
      auth: token,
      body: body ?? route.body?.(owner),
    });

  describe.each(ROUTES)('$name', (route) => {
    if (BELOW[route.minimum].length > 0) {
      it.each(BELOW[route.minimum])('is forbidden to a %s', async (role) => {
        expectProblem(await send(route, acme, acme.members[role].token), 403, 'insufficient-role');
      });
    }

    it('is allowed at the minimum role', async () => {
      const token = route.minimum === 'admin' ? acme.admin.token : acme.members[route.minimum].token;
      const reply = await send(route, acme, token);
      expect(reply.status).toBeLessThan(300);
    });

    if (route.hasIds) {
      it("answers 404 for another tenant's ids", async () => {
        expectProblem(await send(route, globex, acme.admin.token), 404);
      });
    }

    if (route.badBody !== undefined) {
      it('rejects malformed input with problem+json 400', async () => {
        const problem = expectProblem(
          await send(route, acme, acme.admin.token, route.badBody),
          400,
          'validation',
        );
        expect(problem.errors.length).toBeGreaterThan(0);
      });
    }

    it('requires a credential', async () => {
      expectProblem(
        await call(app, route.method, route.path(acme, extra[acme.tenantId] as Extra), {
          body: route.body?.(acme),
        }),
        401,
      );
    });
  });

  it('rejects a malformed id in the path with 400 rather than a database error', async () => {
    expectProblem(
      await call(app, 'GET', '/v1/projects/not-a-uuid', { auth: acme.admin.token }),
      400,
      'validation',
    );
  });

  it('rejects unknown query parameters', async () => {
    expectProblem(
      await call(app, 'GET', '/v1/projects?debug=1', { auth: acme.admin.token }),
      400,
      'validation',
    );
  });
});
