import { INVITE_TTL_SECONDS } from '../../domain/tenancy/invite.entity';
import { FakePasswordHasher, sha256 } from '../../test/support/fakes';
import { failure, unwrap } from '../../test/support/results';
import { A_PASSWORD, TenancyWorld } from '../../test/support/tenancy-world';
import { type Actor, type UserActor } from '../shared/actor';
import { AcceptInviteUseCase } from './accept-invite.use-case';
import { type AddMemberInput, AddMemberUseCase } from './add-member.use-case';
import { type Tenant } from '../../domain/tenancy/tenant.entity';

describe('AddMemberUseCase', () => {
  let w: TenancyWorld;
  let tenant: Tenant;
  let admin: UserActor;
  const useCase = () =>
    new AddMemberUseCase(
      w.users,
      w.memberships,
      w.invites,
      w.uow,
      w.passwords,
      w.tokens,
      w.events,
      w.ids,
      w.clock,
      w.audit,
      {
        inviteUrl: (token) => `https://cockpit.test/invite#${token}`,
      },
    );
  const add = (input: AddMemberInput, actor: Actor = admin, tenantId: string = tenant.id) =>
    useCase().execute(actor, tenantId, input);

  beforeEach(async () => {
    w = new TenancyWorld();
    tenant = await w.givenTenant();
    admin = (await w.givenMember(tenant, 'admin')).actor;
  });

  it('adds a new user with a password as an active member, without an invite', async () => {
    const added = unwrap(await add({ email: 'Bob@Acme.TEST', role: 'developer', password: A_PASSWORD }));

    expect(added.invite).toBeNull();
    expect(added.user).toMatchObject({
      email: 'bob@acme.test',
      status: 'active',
      passwordHash: FakePasswordHasher.hashOf(A_PASSWORD),
    });
    expect(await w.memberships.find(tenant.id, added.user.id)).toEqual(added.membership);
    expect(added.membership.role).toBe('developer');
    expect(w.invites.all()).toEqual([]);
  });

  it('announces the new member to the tenant', async () => {
    const added = unwrap(await add({ email: 'bob@acme.test', role: 'viewer', password: A_PASSWORD }));

    expect(w.events.published).toEqual([
      {
        tenantId: tenant.id,
        type: 'member.added',
        topics: [],
        data: { user_id: added.user.id, email: 'bob@acme.test', role: 'viewer' },
        at: w.clock.now().toISOString(),
      },
    ]);
  });

  it('records the addition in the audit log, naming the admin who made it', async () => {
    const added = unwrap(await add({ email: 'bob@acme.test', role: 'viewer' }));

    expect(w.audit.entries).toEqual([
      expect.objectContaining({
        tenantId: tenant.id,
        action: 'member.added',
        actor: { kind: 'user', id: admin.userId },
        target: { type: 'user', id: added.user.id },
        data: { email: 'bob@acme.test', role: 'viewer', invited: true },
      }),
    ]);
  });

  it('invites a new user without a password with a one-time link whose digest only is stored', async () => {
    const added = unwrap(await add({ email: 'bob@acme.test', role: 'approver', display_name: 'Bob' }));

    expect(added.user).toMatchObject({ status: 'invited', passwordHash: null, displayName: 'Bob' });
    expect(added.invite?.token).toMatch(/^cki_[A-Za-z0-9]{40}$/);
    const token = added.invite?.token ?? '';
    expect(added.invite?.url).toBe(`https://cockpit.test/invite#${token}`);
    expect(added.invite?.expiresAt).toEqual(new Date(w.clock.now().getTime() + INVITE_TTL_SECONDS * 1000));
    expect(w.invites.all()).toEqual([
      expect.objectContaining({
        tenantId: tenant.id,
        userId: added.user.id,
        tokenHash: sha256(token),
        createdBy: admin.userId,
      }),
    ]);
    expect(JSON.stringify(w.invites.all())).not.toContain(token);
  });

  it('hands out an invite link that works exactly once', async () => {
    const added = unwrap(await add({ email: 'bob@acme.test', role: 'viewer' }));
    const accept = (token: string) =>
      new AcceptInviteUseCase(w.invites, w.users, w.uow, w.passwords, w.tokens, w.clock).execute({
        token,
        password: A_PASSWORD,
      });

    const accepted = unwrap(await accept(added.invite?.token ?? ''));

    expect(accepted).toMatchObject({ id: added.user.id, status: 'active' });
    expect(await accept(added.invite?.token ?? '')).toEqual(failure('gone', 'invite_used'));
  });

  it('refuses a password for an email that already has an account', async () => {
    await w.givenUser({ email: 'bob@acme.test' });

    const result = await add({ email: 'BOB@acme.test', role: 'viewer', password: A_PASSWORD });

    expect(result).toEqual(failure('conflict', 'user_exists'));
    expect(await w.memberships.listByTenant(tenant.id)).toHaveLength(1);
    expect(w.events.published).toEqual([]);
  });

  it('adds an existing user as is, found whatever the case of the email', async () => {
    const bob = await w.givenUser({ email: 'bob@acme.test' });

    const added = unwrap(await add({ email: 'Bob@ACME.test', role: 'viewer' }));

    expect(added.user).toBe(bob);
    expect(added.invite).toBeNull();
    expect((await w.memberships.find(tenant.id, bob.id))?.role).toBe('viewer');
    expect(w.users.all()).toHaveLength(2);
  });

  it('refuses to add someone who is already a member', async () => {
    const { user, membership } = await w.givenMember(tenant, 'viewer', { email: 'bob@acme.test' });

    expect(await add({ email: 'bob@acme.test', role: 'admin' })).toEqual(
      failure('conflict', 'already_member'),
    );
    expect(await w.memberships.find(tenant.id, user.id)).toBe(membership);
    expect(w.events.published).toEqual([]);
  });

  it.each(['viewer', 'developer', 'approver'] as const)('refuses a %s', async (role) => {
    const { actor } = await w.givenMember(tenant, role);
    expect(await add({ email: 'bob@acme.test', role: 'viewer' }, actor)).toEqual(
      failure('forbidden', 'insufficient_role'),
    );
  });

  it('refuses an API key', async () => {
    const { key } = await w.givenApiKey(await w.givenProject(tenant));
    expect(await add({ email: 'bob@acme.test', role: 'viewer' }, w.apiKeyActor(key))).toEqual(
      failure('forbidden', 'insufficient_role'),
    );
  });

  it('answers not found for another tenant, even one that exists, and adds nobody', async () => {
    const globex = await w.givenTenant('Globex');

    expect(await add({ email: 'bob@acme.test', role: 'viewer' }, admin, globex.id)).toEqual(
      failure('not_found'),
    );
    expect(await w.memberships.listByTenant(globex.id)).toEqual([]);
    expect(w.users.withEmail('bob@acme.test')).toBeNull();
  });

  it.each([
    ['an invalid email', { email: 'bob', role: 'viewer' as const }, 'email'],
    ['a short password', { email: 'bob@acme.test', role: 'viewer' as const, password: 'short' }, 'password'],
  ])('refuses %s with a validation error on its field', async (_label, input, path) => {
    const result = await add(input);
    expect(result).toEqual(failure('validation'));
    expect(!result.ok && result.error.fields.map((field) => field.path)).toEqual([path]);
    expect(w.users.all()).toHaveLength(1);
  });
});
