import { failure, unwrap } from '../../test/support/results';
import { TenancyWorld } from '../../test/support/tenancy-world';
import { DeleteProjectUseCase } from './delete-project.use-case';

describe('DeleteProjectUseCase', () => {
  let w: TenancyWorld;
  const remove = (...args: Parameters<DeleteProjectUseCase['execute']>) =>
    new DeleteProjectUseCase(w.projects).execute(...args);

  beforeEach(() => {
    w = new TenancyWorld();
  });

  it('deletes a project of the admin tenant', async () => {
    const tenant = await w.givenTenant();
    const project = await w.givenProject(tenant);
    const { actor } = await w.givenMember(tenant, 'admin');

    unwrap(await remove(actor, project.id));

    expect(await w.projects.findById(tenant.id, project.id)).toBeNull();
  });

  it('answers not found for a project of another tenant and keeps it', async () => {
    const { actor } = await w.givenMember(await w.givenTenant('Acme'), 'admin');
    const globex = await w.givenTenant('Globex');
    const globexProject = await w.givenProject(globex);

    expect(await remove(actor, globexProject.id)).toEqual(failure('not_found'));
    expect(await w.projects.findById(globex.id, globexProject.id)).toBe(globexProject);
  });

  it('refuses a non-admin and an API key', async () => {
    const tenant = await w.givenTenant();
    const project = await w.givenProject(tenant);
    const { actor } = await w.givenMember(tenant, 'approver');
    const { key } = await w.givenApiKey(project);

    expect(await remove(actor, project.id)).toEqual(failure('forbidden', 'insufficient_role'));
    expect(await remove(w.apiKeyActor(key), project.id)).toEqual(failure('forbidden', 'insufficient_role'));
    expect(await w.projects.findById(tenant.id, project.id)).toBe(project);
  });
});
