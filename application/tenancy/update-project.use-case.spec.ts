import { type Project } from '../../domain/tenancy/project.entity';
import { type Tenant } from '../../domain/tenancy/tenant.entity';
import { failure, unwrap } from '../../test/support/results';
import { TenancyWorld } from '../../test/support/tenancy-world';
import { type Actor, type UserActor } from '../shared/actor';
import { type UpdateProjectInput, UpdateProjectUseCase } from './update-project.use-case';

describe('UpdateProjectUseCase', () => {
  let w: TenancyWorld;
  let tenant: Tenant;
  let project: Project;
  let admin: UserActor;
  const update = (input: UpdateProjectInput, actor: Actor = admin, projectId = project.id) =>
    new UpdateProjectUseCase(w.projects, w.clock).execute(actor, projectId, input);

  beforeEach(async () => {
    w = new TenancyWorld();
    tenant = await w.givenTenant();
    project = await w.givenProject(tenant, 'checkout');
    admin = (await w.givenMember(tenant, 'admin')).actor;
  });

  it('renames and describes a project', async () => {
    w.clock.advance({ minutes: 1 });

    const updated = unwrap(await update({ name: 'Checkout', description: 'Takes orders' }));

    expect(updated).toMatchObject({
      name: 'Checkout',
      description: 'Takes orders',
      updatedAt: w.clock.now(),
    });
    expect(await w.projects.findById(tenant.id, project.id)).toBe(updated);
  });

  it('clears the description with null', async () => {
    unwrap(await update({ description: 'Takes orders' }));
    expect(unwrap(await update({ description: null })).description).toBeNull();
  });

  it('refuses a name another project of the tenant uses, whatever its case', async () => {
    await w.givenProject(tenant, 'payments');

    expect(await update({ name: 'PAYMENTS' })).toEqual(failure('conflict', 'project_name_taken'));
    expect((await w.projects.findById(tenant.id, project.id))?.name).toBe('checkout');
  });

  it('refuses an invalid name', async () => {
    const result = await update({ name: '  ' });
    expect(!result.ok && result.error.fields[0]?.path).toBe('name');
  });

  it('answers not found for a project of another tenant and leaves it alone', async () => {
    const globexProject = await w.givenProject(await w.givenTenant('Globex'), 'support');

    expect(await update({ name: 'mine now' }, admin, globexProject.id)).toEqual(failure('not_found'));
    expect(w.projects.all().find((p) => p.id === globexProject.id)?.name).toBe('support');
  });

  it('refuses a non-admin', async () => {
    const { actor } = await w.givenMember(tenant, 'developer');
    expect(await update({ name: 'x' }, actor)).toEqual(failure('forbidden', 'insufficient_role'));
  });
});
