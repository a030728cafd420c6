import { type Tenant } from '../../domain/tenancy/tenant.entity';
import { failure, unwrap } from '../../test/support/results';
import { TenancyWorld } from '../../test/support/tenancy-world';
import { type Actor } from '../shared/actor';
import { type UpdateTenantInput, UpdateTenantUseCase } from './update-tenant.use-case';

describe('UpdateTenantUseCase', () => {
  let w: TenancyWorld;
  let acme: Tenant;
  const update = (actor: Actor, tenantId: string, input: UpdateTenantInput) =>
    new UpdateTenantUseCase(w.tenants, w.clock).execute(actor, tenantId, input);

  beforeEach(async () => {
    w = new TenancyWorld();
    acme = await w.givenTenant('Acme');
  });

  it('lets an admin rename their tenant', async () => {
    const { actor } = await w.givenMember(acme, 'admin');
    w.clock.advance({ minutes: 1 });

    const renamed = unwrap(await update(actor, acme.id, { name: ' Acme Corp ' }));

    expect(renamed).toMatchObject({ name: 'Acme Corp', plan: 'team', updatedAt: w.clock.now() });
    expect(await w.tenants.findById(acme.id)).toBe(renamed);
  });

  it('keeps plan changes to the operator', async () => {
    const { actor } = await w.givenMember(acme, 'admin');

    expect(await update(actor, acme.id, { plan: 'enterprise' })).toEqual(
      failure('forbidden', 'operator_only'),
    );
    expect((await w.tenants.findById(acme.id))?.plan).toBe('team');
  });

  it('lets the operator change the plan of a tenant it is not a member of', async () => {
    const { actor } = await w.givenOperator();

    const changed = unwrap(await update(actor, acme.id, { plan: 'enterprise', name: 'Acme Inc' }));

    expect(changed).toMatchObject({ plan: 'enterprise', name: 'Acme Inc', retentionDays: 90 });
    expect(await w.tenants.findById(acme.id)).toBe(changed);
  });

  it('tells a member without the admin role why it may not', async () => {
    const { actor } = await w.givenMember(acme, 'approver');
    expect(await update(actor, acme.id, { name: 'x' })).toEqual(failure('forbidden', 'insufficient_role'));
  });

  it('answers not found to the admin of another tenant', async () => {
    const { actor } = await w.givenMember(await w.givenTenant('Globex'), 'admin');

    expect(await update(actor, acme.id, { name: 'Mine' })).toEqual(failure('not_found'));
    expect((await w.tenants.findById(acme.id))?.name).toBe('Acme');
  });

  it('answers not found to the operator for an unknown tenant', async () => {
    const { actor } = await w.givenOperator();
    expect(await update(actor, '00000000-0000-7000-8000-0000000000ff', { name: 'x' })).toEqual(
      failure('not_found'),
    );
  });

  it('refuses an invalid name', async () => {
    const { actor } = await w.givenMember(acme, 'admin');
    const result = await update(actor, acme.id, { name: '   ' });
    expect(!result.ok && result.error.fields[0]?.path).toBe('name');
  });
});
