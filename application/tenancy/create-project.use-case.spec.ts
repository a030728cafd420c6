import { type Tenant } from '../../domain/tenancy/tenant.entity';
import { failure, unwrap } from '../../test/support/results';
import { TenancyWorld } from '../../test/support/tenancy-world';
import { type Actor, type UserActor } from '../shared/actor';
import { type CreateProjectInput, CreateProjectUseCase } from './create-project.use-case';

describe('CreateProjectUseCase', () => {
  let w: TenancyWorld;
  let tenant: Tenant;
  let admin: UserActor;
  const create = (input: CreateProjectInput, actor: Actor = admin) =>
    new CreateProjectUseCase(w.projects, w.events, w.ids, w.clock).execute(actor, input);

  beforeEach(async () => {
    w = new TenancyWorld();
    tenant = await w.givenTenant();
    admin = (await w.givenMember(tenant, 'admin')).actor;
  });

  it('creates a project in the admin tenant and announces it', async () => {
    const project = unwrap(await create({ name: ' payments ', description: 'Pays' }));

    expect(project).toMatchObject({ tenantId: tenant.id, name: 'payments', description: 'Pays' });
    expect(await w.projects.findById(tenant.id, project.id)).toBe(project);
    expect(w.events.published).toEqual([
      {
        tenantId: tenant.id,
        type: 'project.created',
        topics: [`project:${project.id}`],
        data: { project_id: project.id, name: 'payments' },
        at: w.clock.now().toISOString(),
      },
    ]);
  });

  it('refuses a name already used in the tenant, whatever its case', async () => {
    await w.givenProject(tenant, 'Payments');

    expect(await create({ name: 'PAYMENTS' })).toEqual(failure('conflict', 'project_name_taken'));
    expect(await w.projects.list(tenant.id)).toHaveLength(1);
    expect(w.events.published).toEqual([]);
  });

  it('allows a name used by another tenant', async () => {
    await w.givenProject(await w.givenTenant('Globex'), 'payments');
    unwrap(await create({ name: 'payments' }));
  });

  it('refuses a non-admin', async () => {
    const { actor } = await w.givenMember(tenant, 'approver');
    expect(await create({ name: 'payments' }, actor)).toEqual(failure('forbidden', 'insufficient_role'));
    expect(w.projects.all()).toEqual([]);
  });

  it('refuses a blank name', async () => {
    const result = await create({ name: '   ' });
    expect(!result.ok && result.error.fields[0]?.path).toBe('name');
  });
});
