import { failure, unwrap } from '../../test/support/results';
import { TenancyWorld } from '../../test/support/tenancy-world';
import { DeleteTenantUseCase } from './delete-tenant.use-case';

describe('DeleteTenantUseCase', () => {
  let w: TenancyWorld;
  const remove = (...args: Parameters<DeleteTenantUseCase['execute']>) =>
    new DeleteTenantUseCase(w.tenants).execute(...args);

  beforeEach(() => {
    w = new TenancyWorld();
  });

  it('lets the operator delete a tenant', async () => {
    const acme = await w.givenTenant();
    const { actor } = await w.givenOperator();

    unwrap(await remove(actor, acme.id));

    expect(await w.tenants.findByIdForOperator(acme.id)).toBeNull();
  });

  it('answers not found for an unknown tenant', async () => {
    const { actor } = await w.givenOperator();
    expect(await remove(actor, '00000000-0000-7000-8000-0000000000ff')).toEqual(failure('not_found'));
  });

  it('refuses even the admin of the tenant', async () => {
    const acme = await w.givenTenant();
    const { actor } = await w.givenMember(acme, 'admin');

    expect(await remove(actor, acme.id)).toEqual(failure('forbidden', 'operator_only'));
    expect(await w.tenants.findById(acme.id)).toBe(acme);
  });
});
