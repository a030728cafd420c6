import { failure, unwrap } from '../../test/support/results';
import { TenancyWorld } from '../../test/support/tenancy-world';
import { ListMembersUseCase } from './list-members.use-case';

describe('ListMembersUseCase', () => {
  let w: TenancyWorld;
  const list = (...args: Parameters<ListMembersUseCase['execute']>) =>
    new ListMembersUseCase(w.memberships).execute(...args);

  beforeEach(() => {
    w = new TenancyWorld();
  });

  it('lists the members of the caller tenant with their users, to any member', async () => {
    const acme = await w.givenTenant('Acme');
    const alice = await w.givenMember(acme, 'admin');
    const bob = await w.givenMember(acme, 'viewer');
    await w.givenMember(await w.givenTenant('Globex'), 'admin');

    const members = unwrap(await list(bob.actor, acme.id));

    expect(members).toEqual([
      { membership: alice.membership, user: alice.user },
      { membership: bob.membership, user: bob.user },
    ]);
  });

  it('answers not found for another tenant', async () => {
    const acme = await w.givenTenant('Acme');
    const globex = await w.givenTenant('Globex');
    const { actor } = await w.givenMember(acme, 'admin');
    await w.givenMember(globex, 'admin');

    expect(await list(actor, globex.id)).toEqual(failure('not_found'));
  });

  it('does not let API keys list people', async () => {
    const acme = await w.givenTenant('Acme');
    const { key } = await w.givenApiKey(await w.givenProject(acme));

    expect(await list(w.apiKeyActor(key), acme.id)).toEqual(failure('forbidden', 'users_only'));
  });
});
