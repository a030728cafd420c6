import { type Role } from '../../domain/tenancy/role';
import { call, login } from './http';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type TestApp } from './test-app';

export interface Member {
  readonly email: string;
  readonly userId: string;
  readonly token: string;
}

export interface TenantFixture {
  readonly tenantId: string;
  readonly projectId: string;
  readonly admin: Member;
  /** A developer-role API key of the default project. */
  readonly apiKey: string;
  readonly members: Readonly<Record<Exclude<Role, 'admin'>, Member>>;
}

export const PASSWORD = 'a sufficiently long password';

/** A tenant created by the operator, with one member per role and a project API key. */
export async function createTenant(app: TestApp, name: string): Promise<TenantFixture> {
  const operator = await login(app, ADMIN_EMAIL, ADMIN_PASSWORD);
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const created = await call(app, 'POST', '/v1/tenants', {
    auth: operator.access_token,
    body: { name, admin_email: `admin@${slug}.test`, admin_password: PASSWORD },
  });
  if (created.status !== 201) throw new Error(`tenant creation failed: ${JSON.stringify(created.body)}`);
  const tenantId = created.body.id as string;
  const projectId = created.body.default_project.id as string;
  const adminTokens = await login(app, `admin@${slug}.test`, PASSWORD);
  const admin: Member = {
    email: `admin@${slug}.test`,
    userId: created.body.admin.id,
    token: adminTokens.access_token,
  };

  const members = {} as Record<Exclude<Role, 'admin'>, Member>;
  for (const role of ['viewer', 'developer', 'approver'] as const) {
    const email = `${role}@${slug}.test`;
    const added = await call(app, 'POST', `/v1/tenants/${tenantId}/members`, {
      auth: admin.token,
      body: { email, role, password: PASSWORD },
    });
    if (added.status !== 201) throw new Error(`member creation failed: ${JSON.stringify(added.body)}`);
    members[role] = {
      email,
      userId: added.body.user_id,
      token: (await login(app, email, PASSWORD)).access_token,
    };
  }
  const key = await call(app, 'POST', `/v1/projects/${projectId}/api-keys`, {
    auth: admin.token,
    body: { name: 'ingest' },
  });
  return { tenantId, projectId, admin, apiKey: key.body.key, members };
}
