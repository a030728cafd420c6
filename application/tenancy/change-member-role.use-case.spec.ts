import { type Tenant } from '../../domain/tenancy/tenant.entity';
import { failure, unwrap } from '../../test/support/results';
import { TenancyWorld } from '../../test/support/tenancy-world';
import { type Actor, type UserActor } from '../shared/actor';
import { ChangeMemberRoleUseCase } from './change-member-role.use-case';
import { type Role } from '../../domain/tenancy/role';

describe('ChangeMemberRoleUseCase', () => {
  let w: TenancyWorld;
  let tenant: Tenant;
  let admin: UserActor;
  const change = (userId: string, role: Role, actor: Actor = admin, tenantId: string = tenant.id) =>
    new ChangeMemberRoleUseCase(w.memberships, w.users, w.uow, w.clock, w.audit).execute(
      actor,
      tenantId,
      userId,
      {
        role,
      },
    );

  beforeEach(async () => {
    w = new TenancyWorld();
    tenant = await w.givenTenant();
    admin = (await w.givenMember(tenant, 'admin')).actor;
  });

  it('changes a member role and returns the member', async () => {
    const { user } = await w.givenMember(tenant, 'viewer');
    w.clock.advance({ minutes: 1 });

    const changed = unwrap(await change(user.id, 'approver'));

    expect(changed.user).toBe(user);
    expect(changed.membership).toMatchObject({ role: 'approver', updatedAt: w.clock.now() });
    expect(await w.memberships.find(tenant.id, user.id)).toEqual(changed.membership);
  });

  it('records the change with the old and new role in the audit log', async () => {
    const { user } = await w.givenMember(tenant, 'viewer');
    unwrap(await change(user.id, 'approver'));

    expect(w.audit.entries).toEqual([
      expect.objectContaining({
        action: 'member.role_changed',
        actor: { kind: 'user', id: admin.userId },
        target: { type: 'user', id: user.id },
        data: { email: user.email, from: 'viewer', to: 'approver' },
      }),
    ]);
  });

  it('refuses to demote the last admin', async () => {
    expect(await change(admin.userId, 'developer')).toEqual(failure('conflict', 'last_admin'));
    expect((await w.memberships.find(tenant.id, admin.userId))?.role).toBe('admin');
  });

  it('demotes an admin while another admin remains', async () => {
    await w.givenMember(tenant, 'admin');
    expect(unwrap(await change(admin.userId, 'viewer')).membership.role).toBe('viewer');
  });

  it('lets the last admin stay admin', async () => {
    expect(unwrap(await change(admin.userId, 'admin')).membership.role).toBe('admin');
  });

  it('refuses a non-admin', async () => {
    const { user, actor } = await w.givenMember(tenant, 'approver');
    expect(await change(user.id, 'admin', actor)).toEqual(failure('forbidden', 'insufficient_role'));
  });

  it('answers not found for another tenant and its members', async () => {
    const globex = await w.givenTenant('Globex');
    const { user: globexViewer } = await w.givenMember(globex, 'viewer');

    expect(await change(globexViewer.id, 'admin', admin, globex.id)).toEqual(failure('not_found'));
    expect(await change(globexViewer.id, 'admin')).toEqual(failure('not_found'));
    expect((await w.memberships.find(globex.id, globexViewer.id))?.role).toBe('viewer');
  });
});
