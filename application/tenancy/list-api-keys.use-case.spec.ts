import { failure, unwrap } from '../../test/support/results';
import { TenancyWorld } from '../../test/support/tenancy-world';
import { ListApiKeysUseCase } from './list-api-keys.use-case';

describe('ListApiKeysUseCase', () => {
  let w: TenancyWorld;
  const list = (...args: Parameters<ListApiKeysUseCase['execute']>) =>
    new ListApiKeysUseCase(w.projects, w.apiKeys).execute(...args);

  beforeEach(() => {
    w = new TenancyWorld();
  });

  it('lists the keys of one project, to an admin', async () => {
    const tenant = await w.givenTenant();
    const project = await w.givenProject(tenant, 'one');
    const { key: first } = await w.givenApiKey(project);
    const { key: second } = await w.givenApiKey(project);
    await w.givenApiKey(await w.givenProject(tenant, 'two'));
    const { actor } = await w.givenMember(tenant, 'admin');

    expect(unwrap(await list(actor, project.id))).toEqual([first, second]);
  });

  it('answers not found for a project of another tenant', async () => {
    const { actor } = await w.givenMember(await w.givenTenant('Acme'), 'admin');
    const globexProject = await w.givenProject(await w.givenTenant('Globex'));
    await w.givenApiKey(globexProject);

    expect(await list(actor, globexProject.id)).toEqual(failure('not_found'));
  });

  it('refuses a non-admin', async () => {
    const tenant = await w.givenTenant();
    const project = await w.givenProject(tenant);
    const { actor } = await w.givenMember(tenant, 'approver');

    expect(await list(actor, project.id)).toEqual(failure('forbidden', 'insufficient_role'));
  });
});
