import { failure, unwrap } from '../../test/support/results';
import { TenancyWorld } from '../../test/support/tenancy-world';
import { type Actor } from '../shared/actor';
import { ListTenantsInput, ListTenantsUseCase } from './list-tenants.use-case';

describe('ListTenantsUseCase', () => {
  let w: TenancyWorld;
  const list = (actor: Actor, input: Partial<ListTenantsInput> = {}) =>
    new ListTenantsUseCase(w.tenants, w.memberships).execute(actor, ListTenantsInput.parse(input));

  beforeEach(() => {
    w = new TenancyWorld();
  });

  it('lists the tenants a user belongs to, with the role in each', async () => {
    const acme = await w.givenTenant('Acme');
    const globex = await w.givenTenant('Globex');
    await w.givenTenant('Initech');
    const { user, actor } = await w.givenMember(acme, 'admin');
    await w.givenMember(globex, 'viewer', { user });

    expect(unwrap(await list(actor))).toEqual({
      items: [
        { tenant: acme, role: 'admin' },
        { tenant: globex, role: 'viewer' },
      ],
      nextCursor: null,
    });
  });

  it('lists its own tenant to an API key', async () => {
    const acme = await w.givenTenant('Acme');
    await w.givenTenant('Globex');
    const { key } = await w.givenApiKey(await w.givenProject(acme), { role: 'viewer' });

    expect(unwrap(await list(w.apiKeyActor(key)))).toEqual({
      items: [{ tenant: acme, role: 'viewer' }],
      nextCursor: null,
    });
  });

  it('keeps the whole instance to the operator', async () => {
    const { actor } = await w.givenMember(await w.givenTenant(), 'admin');
    expect(await list(actor, { scope: 'all' })).toEqual(failure('forbidden', 'operator_only'));
  });

  it('pages through every tenant of the instance for the operator, by creation time then id', async () => {
    for (const name of ['A', 'B', 'C']) {
      await w.givenTenant(name);
      w.clock.advance({ seconds: 1 });
    }
    await w.givenTenant('D'); // D and E share a creation time: the id breaks the tie
    await w.givenTenant('E');
    const { actor } = await w.givenOperator();

    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = unwrap(await list(actor, { scope: 'all', limit: 2, cursor }));
      expect(page.items.every((item) => item.role === null)).toBe(true);
      pages.push(page.items.map((item) => item.tenant.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && pages.length < 10);

    expect(pages).toEqual([['A', 'B'], ['C', 'D'], ['E']]);
  });

  it('ends on a full last page without a next cursor', async () => {
    await w.givenTenant('A');
    await w.givenTenant('B');
    const { actor } = await w.givenOperator();

    expect(unwrap(await list(actor, { scope: 'all', limit: 2 })).nextCursor).toBeNull();
  });

  it('answers an invalid cursor with a validation error', async () => {
    const { actor } = await w.givenOperator();
    const result = await list(actor, { scope: 'all', cursor: 'garbage' });
    expect(result).toEqual(failure('validation'));
    expect(!result.ok && result.error.fields[0]?.path).toBe('cursor');
  });
});
