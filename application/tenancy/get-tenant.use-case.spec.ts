import { failure, unwrap } from '../../test/support/results';
import { TenancyWorld } from '../../test/support/tenancy-world';
import { GetTenantUseCase } from './get-tenant.use-case';

describe('GetTenantUseCase', () => {
  let w: TenancyWorld;
  const get = (...args: Parameters<GetTenantUseCase['execute']>) =>
    new GetTenantUseCase(w.tenants).execute(...args);

  beforeEach(() => {
    w = new TenancyWorld();
  });

  it('shows members and API keys their own tenant', async () => {
    const acme = await w.givenTenant('Acme');
    const { actor } = await w.givenMember(acme, 'viewer');
    const { key } = await w.givenApiKey(await w.givenProject(acme));

    expect(unwrap(await get(actor, acme.id))).toBe(acme);
    expect(unwrap(await get(w.apiKeyActor(key), acme.id))).toBe(acme);
  });

  it('answers not found for another tenant that exists', async () => {
    const { actor } = await w.givenMember(await w.givenTenant('Acme'), 'admin');
    const globex = await w.givenTenant('Globex');

    expect(await get(actor, globex.id)).toEqual(failure('not_found'));
  });

  it('shows the operator any tenant, and not found for an unknown one', async () => {
    const globex = await w.givenTenant('Globex');
    const { actor } = await w.givenOperator();

    expect(unwrap(await get(actor, globex.id))).toBe(globex);
    expect(await get(actor, '00000000-0000-7000-8000-0000000000ff')).toEqual(failure('not_found'));
  });
});
