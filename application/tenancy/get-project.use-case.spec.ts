import { failure, unwrap } from '../../test/support/results';
import { TenancyWorld } from '../../test/support/tenancy-world';
import { GetProjectUseCase } from './get-project.use-case';

describe('GetProjectUseCase', () => {
  let w: TenancyWorld;
  const get = (...args: Parameters<GetProjectUseCase['execute']>) =>
    new GetProjectUseCase(w.projects).execute(...args);

  beforeEach(() => {
    w = new TenancyWorld();
  });

  it('shows any project of the tenant to a viewer', async () => {
    const tenant = await w.givenTenant();
    const project = await w.givenProject(tenant);
    const { actor } = await w.givenMember(tenant, 'viewer');

    expect(unwrap(await get(actor, project.id))).toBe(project);
  });

  it('shows an API key its own project only, and no other project of the tenant', async () => {
    const tenant = await w.givenTenant();
    const own = await w.givenProject(tenant, 'own');
    const other = await w.givenProject(tenant, 'other');
    const { key } = await w.givenApiKey(own, { role: 'viewer' });

    expect(unwrap(await get(w.apiKeyActor(key), own.id))).toBe(own);
    expect(await get(w.apiKeyActor(key), other.id)).toEqual(failure('not_found'));
  });

  it('answers not found for a project of another tenant', async () => {
    const { actor } = await w.givenMember(await w.givenTenant('Acme'), 'admin');
    const globexProject = await w.givenProject(await w.givenTenant('Globex'));

    expect(await get(actor, globexProject.id)).toEqual(failure('not_found'));
  });

  it('refuses a user who acts in no tenant', async () => {
    const { actor } = await w.givenOperator();
    const project = await w.givenProject(await w.givenTenant());

    expect(await get(actor, project.id)).toEqual(failure('forbidden', 'no_tenant'));
  });
});
