import { FakePasswordHasher } from '../../test/support/fakes';
import { failure, unwrap } from '../../test/support/results';
import { A_PASSWORD, TenancyWorld } from '../../test/support/tenancy-world';
import { BootstrapInstanceUseCase } from './bootstrap-instance.use-case';

describe('BootstrapInstanceUseCase', () => {
  let w: TenancyWorld;
  const useCase = () =>
    new BootstrapInstanceUseCase(w.settings, w.provisioning, w.uow, w.passwords, w.tokens);

  beforeEach(() => {
    w = new TenancyWorld();
  });

  it('seeds the operator as admin of a demo tenant with a demo project', async () => {
    const outcome = unwrap(
      await useCase().execute({ adminEmail: 'Ops@Example.test', adminPassword: A_PASSWORD }),
    );
    if (!outcome.created) throw new Error('expected the instance to be seeded');

    expect(outcome).toMatchObject({ adminEmail: 'ops@example.test', generatedPassword: null });
    const operator = w.users.withEmail(outcome.adminEmail);
    expect(operator).toMatchObject({
      isOperator: true,
      status: 'active',
      passwordHash: FakePasswordHasher.hashOf(A_PASSWORD),
    });
    expect(w.tenants.all()).toEqual([
      expect.objectContaining({ id: outcome.tenantId, name: 'Demo', plan: 'team' }),
    ]);
    expect(w.projects.all()).toEqual([expect.objectContaining({ id: outcome.projectId, name: 'demo' })]);
    expect(w.memberships.all()).toEqual([expect.objectContaining({ userId: operator?.id, role: 'admin' })]);
    expect(w.uow.scopes).toEqual([outcome.tenantId]);
  });

  it('generates a valid password when none is given and returns it once', async () => {
    const outcome = unwrap(await useCase().execute({ adminEmail: 'ops@example.test' }));
    if (!outcome.created) throw new Error('expected the instance to be seeded');

    expect(outcome.generatedPassword).toMatch(/^[A-Za-z0-9]{24}$/);
    const operator = w.users.withEmail('ops@example.test');
    expect(operator?.passwordHash).toBe(FakePasswordHasher.hashOf(outcome.generatedPassword ?? ''));
  });

  it('seeds only once: a second start changes nothing', async () => {
    unwrap(await useCase().execute({ adminEmail: 'ops@example.test' }));
    const before = { users: w.users.all(), tenants: w.tenants.all(), projects: w.projects.all() };

    const again = unwrap(
      await useCase().execute({ adminEmail: 'other@example.test', adminPassword: A_PASSWORD }),
    );

    expect(again).toEqual({ created: false });
    expect({ users: w.users.all(), tenants: w.tenants.all(), projects: w.projects.all() }).toEqual(before);
  });

  it.each([
    ['an invalid email', { adminEmail: 'ops' }, 'COCKPIT_ADMIN_EMAIL'],
    [
      'a short password',
      { adminEmail: 'ops@example.test', adminPassword: 'short' },
      'COCKPIT_ADMIN_PASSWORD',
    ],
  ])('refuses %s without spending the bootstrap claim', async (_label, input, path) => {
    const result = await useCase().execute(input);

    expect(result).toEqual(failure('validation'));
    expect(!result.ok && result.error.fields.map((field) => field.path)).toEqual([path]);
    expect(w.settings.bootstrapClaimed).toBe(false);
    expect(w.users.all()).toEqual([]);
  });
});
