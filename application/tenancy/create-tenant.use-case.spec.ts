import { FakePasswordHasher } from '../../test/support/fakes';
import { failure, unwrap } from '../../test/support/results';
import { A_PASSWORD, TenancyWorld } from '../../test/support/tenancy-world';
import { type Actor } from '../shared/actor';
import { type CreateTenantInput, CreateTenantUseCase } from './create-tenant.use-case';

const input: CreateTenantInput = {
  name: 'Globex',
  admin_email: 'Hank@Globex.TEST',
  admin_password: A_PASSWORD,
};

describe('CreateTenantUseCase', () => {
  let w: TenancyWorld;
  let operator: Actor;
  const useCase = (signupOpen = false) =>
    new CreateTenantUseCase(w.provisioning, w.uow, w.passwords, { signupOpen });

  beforeEach(async () => {
    w = new TenancyWorld();
    operator = (await w.givenOperator()).actor;
  });

  const expectNothingStored = (): void => {
    expect(w.tenants.all()).toEqual([]);
    expect(w.projects.all()).toEqual([]);
    expect(w.memberships.all()).toEqual([]);
    expect(w.users.all().map((user) => user.email)).toEqual(['operator@cockpit.test']);
  };

  it('creates the tenant, its first admin and a default project in one unit of work', async () => {
    const created = unwrap(await useCase().execute(operator, { ...input, admin_display_name: 'Hank' }));

    expect(created.tenant).toMatchObject({ name: 'Globex', plan: 'team' });
    expect(created.admin).toMatchObject({
      email: 'hank@globex.test',
      displayName: 'Hank',
      status: 'active',
      isOperator: false,
      passwordHash: FakePasswordHasher.hashOf(A_PASSWORD),
    });
    expect(created.defaultProject).toMatchObject({ name: 'default', tenantId: created.tenant.id });
    expect(await w.tenants.findById(created.tenant.id)).toBe(created.tenant);
    expect(await w.users.findById(created.admin.id)).toBe(created.admin);
    expect((await w.memberships.find(created.tenant.id, created.admin.id))?.role).toBe('admin');
    expect(await w.projects.list(created.tenant.id)).toEqual([created.defaultProject]);
    expect(w.uow.scopes).toEqual([created.tenant.id]);
  });

  it('lets the operator choose the plan', async () => {
    const created = unwrap(await useCase().execute(operator, { ...input, plan: 'enterprise' }));
    expect(created.tenant.plan).toBe('enterprise');
  });

  describe('while sign-up is closed', () => {
    it('requires a credential', async () => {
      expect(await useCase().execute(null, input)).toEqual(failure('unauthorized'));
      expectNothingStored();
    });

    it('refuses every credential but the operator', async () => {
      const tenant = await w.givenTenant();
      const { actor: admin } = await w.givenMember(tenant, 'admin');
      const { key } = await w.givenApiKey(await w.givenProject(tenant));

      expect(await useCase().execute(admin, input)).toEqual(failure('forbidden', 'operator_only'));
      expect(await useCase().execute(w.apiKeyActor(key), input)).toEqual(
        failure('forbidden', 'operator_only'),
      );
      expect(w.users.withEmail(input.admin_email)).toBeNull();
    });
  });

  describe('while sign-up is open', () => {
    it('lets anybody create a tenant on the default plan', async () => {
      const created = unwrap(await useCase(true).execute(null, input));
      expect(created.tenant.plan).toBe('team');
      expect(w.tenants.all()).toEqual([created.tenant]);
    });

    it('keeps choosing a plan to the operator', async () => {
      expect(await useCase(true).execute(null, { ...input, plan: 'enterprise' })).toEqual(
        failure('forbidden', 'operator_only'),
      );
      expectNothingStored();
      expect(unwrap(await useCase(true).execute(operator, { ...input, plan: 'free' })).tenant.plan).toBe(
        'free',
      );
    });
  });

  it('refuses an admin email that is taken, in any case, and stores nothing', async () => {
    await w.givenUser({ email: 'hank@globex.test' });

    const result = await useCase().execute(operator, { ...input, admin_email: 'HANK@globex.test' });

    expect(result).toEqual(failure('conflict', 'email_taken'));
    expect(w.uow.rollbacks).toBe(1);
    expect(w.tenants.all()).toEqual([]);
    expect(w.projects.all()).toEqual([]);
    expect(w.memberships.all()).toEqual([]);
    expect(w.users.all()).toHaveLength(2);
  });

  it.each([
    ['an invalid admin email', { admin_email: 'hank' }, 'admin_email'],
    ['a short admin password', { admin_password: 'too-short' }, 'admin_password'],
    ['a blank tenant name', { name: '   ' }, 'name'],
  ])('refuses %s with a validation error on its field and stores nothing', async (_label, change, path) => {
    const result = await useCase().execute(operator, { ...input, ...change });
    expect(result).toEqual(failure('validation'));
    expect(!result.ok && result.error.fields.map((field) => field.path)).toEqual([path]);
    expectNothingStored();
  });
});
