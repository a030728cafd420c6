import { unwrap } from '../../test/support/results';
import { TenancyWorld } from '../../test/support/tenancy-world';
import { ListProjectsUseCase } from './list-projects.use-case';

describe('ListProjectsUseCase', () => {
  let w: TenancyWorld;
  const list = (...args: Parameters<ListProjectsUseCase['execute']>) =>
    new ListProjectsUseCase(w.projects).execute(...args);

  beforeEach(() => {
    w = new TenancyWorld();
  });

  it('lists every project of the member tenant and none of another tenant', async () => {
    const acme = await w.givenTenant('Acme');
    const one = await w.givenProject(acme, 'one');
    const two = await w.givenProject(acme, 'two');
    await w.givenProject(await w.givenTenant('Globex'), 'theirs');
    const { actor } = await w.givenMember(acme, 'viewer');

    expect(unwrap(await list(actor))).toEqual([one, two]);
  });

  it('lists only its own project to an API key', async () => {
    const acme = await w.givenTenant('Acme');
    const own = await w.givenProject(acme, 'own');
    await w.givenProject(acme, 'other');
    const { key } = await w.givenApiKey(own);

    expect(unwrap(await list(w.apiKeyActor(key)))).toEqual([own]);
  });
});
