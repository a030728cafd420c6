import { failure, unwrap } from '../../test/support/results';
import { TenancyWorld } from '../../test/support/tenancy-world';
import { GetIdentityUseCase, IdentityView } from './get-identity.use-case';

describe('GetIdentityUseCase', () => {
  let w: TenancyWorld;
  const useCase = () => new GetIdentityUseCase(w.users, w.memberships);

  beforeEach(() => {
    w = new TenancyWorld();
  });

  it('describes a user, its current tenant and role, and every tenant it can switch to', async () => {
    const acme = await w.givenTenant('Acme');
    const globex = await w.givenTenant('Globex');
    const { user, actor } = await w.givenMember(acme, 'admin', { email: 'alice@acme.test' });
    await w.givenMember(globex, 'viewer', { user });

    const identity = unwrap(await useCase().execute(actor));

    expect(IdentityView.parse(identity)).toEqual(identity);
    expect(identity).toEqual({
      id: user.id,
      kind: 'user',
      email: 'alice@acme.test',
      display_name: null,
      tenant_id: acme.id,
      project_id: null,
      role: 'admin',
      is_operator: false,
      tenants: [
        { id: acme.id, name: 'Acme', role: 'admin' },
        { id: globex.id, name: 'Globex', role: 'viewer' },
      ],
    });
  });

  it('describes an API key by its project, without email or tenants list', async () => {
    const tenant = await w.givenTenant();
    const { key } = await w.givenApiKey(await w.givenProject(tenant), { role: 'viewer' });

    const identity = unwrap(await useCase().execute(w.apiKeyActor(key)));

    expect(IdentityView.parse(identity)).toEqual(identity);
    expect(identity).toMatchObject({
      id: key.id,
      kind: 'api_key',
      email: null,
      tenant_id: tenant.id,
      project_id: key.projectId,
      role: 'viewer',
      is_operator: false,
      tenants: [],
    });
  });

  it('refuses a user that no longer exists', async () => {
    const tenant = await w.givenTenant();
    const { actor } = await w.givenMember(tenant, 'admin');
    const ghost = { ...actor, userId: '00000000-0000-7000-8000-0000000000ff' };

    expect(await useCase().execute(ghost)).toEqual(failure('unauthorized'));
  });
});
