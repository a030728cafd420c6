import { type Tenant } from '../../domain/tenancy/tenant.entity';
import { failure, unwrap } from '../../test/support/results';
import { TenancyWorld } from '../../test/support/tenancy-world';
import { type Actor, type UserActor } from '../shared/actor';
import { RemoveMemberUseCase } from './remove-member.use-case';

describe('RemoveMemberUseCase', () => {
  let w: TenancyWorld;
  let tenant: Tenant;
  let admin: UserActor;
  const remove = (userId: string, actor: Actor = admin, tenantId: string = tenant.id) =>
    new RemoveMemberUseCase(w.memberships, w.uow, w.audit, w.clock).execute(actor, tenantId, userId);

  beforeEach(async () => {
    w = new TenancyWorld();
    tenant = await w.givenTenant();
    admin = (await w.givenMember(tenant, 'admin')).actor;
  });

  it('removes a member but keeps the user', async () => {
    const { user } = await w.givenMember(tenant, 'developer');

    unwrap(await remove(user.id));

    expect(await w.memberships.find(tenant.id, user.id)).toBeNull();
    expect(await w.users.findById(user.id)).toBe(user);
  });

  it('records the removal in the audit log, and nothing when it is refused', async () => {
    const { user } = await w.givenMember(tenant, 'developer');
    unwrap(await remove(user.id));
    await remove(admin.userId);

    expect(w.audit.entries).toEqual([
      expect.objectContaining({
        action: 'member.removed',
        actor: { kind: 'user', id: admin.userId },
        target: { type: 'user', id: user.id },
        data: { role: 'developer' },
      }),
    ]);
  });

  it('refuses to remove the last admin', async () => {
    expect(await remove(admin.userId)).toEqual(failure('conflict', 'last_admin'));
    expect(await w.memberships.find(tenant.id, admin.userId)).not.toBeNull();
  });

  it('removes an admin while another admin remains', async () => {
    await w.givenMember(tenant, 'admin');
    unwrap(await remove(admin.userId));
    expect(await w.memberships.countAdmins(tenant.id)).toBe(1);
  });

  it('answers not found for a user who is not a member', async () => {
    const stranger = await w.givenUser();
    expect(await remove(stranger.id)).toEqual(failure('not_found'));
  });

  it('refuses a non-admin', async () => {
    const { user, actor } = await w.givenMember(tenant, 'approver');
    expect(await remove(user.id, actor)).toEqual(failure('forbidden', 'insufficient_role'));
    expect(await w.memberships.find(tenant.id, user.id)).not.toBeNull();
  });

  it('answers not found for another tenant and leaves its members alone', async () => {
    const globex = await w.givenTenant('Globex');
    const { user } = await w.givenMember(globex, 'viewer');

    expect(await remove(user.id, admin, globex.id)).toEqual(failure('not_found'));
    expect(await remove(user.id)).toEqual(failure('not_found'));
    expect(await w.memberships.find(globex.id, user.id)).not.toBeNull();
  });
});
