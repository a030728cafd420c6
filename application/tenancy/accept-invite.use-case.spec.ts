import { Invite, INVITE_TTL_SECONDS } from '../../domain/tenancy/invite.entity';
import { type User } from '../../domain/tenancy/user.entity';
import { FakePasswordHasher } from '../../test/support/fakes';
import { failure, unwrap } from '../../test/support/results';
import { A_PASSWORD, TenancyWorld } from '../../test/support/tenancy-world';
import { AcceptInviteUseCase } from './accept-invite.use-case';

describe('AcceptInviteUseCase', () => {
  let w: TenancyWorld;
  let invited: User;
  let token: string;
  let invite: Invite;
  const accept = (input: { token: string; password: string; display_name?: string }) =>
    new AcceptInviteUseCase(w.invites, w.users, w.uow, w.passwords, w.tokens, w.clock).execute(input);

  beforeEach(async () => {
    w = new TenancyWorld();
    const tenant = await w.givenTenant();
    invited = (await w.givenMember(tenant, 'developer', { email: 'bob@acme.test', password: null })).user;
    token = `cki_${w.tokens.random(40)}`;
    invite = Invite.create({
      id: w.ids.next(),
      tenantId: tenant.id,
      userId: invited.id,
      tokenHash: w.tokens.digest(token),
      createdBy: null,
      now: w.clock.now(),
    });
    await w.invites.create(invite);
  });

  it('sets the password and display name and activates the user', async () => {
    w.clock.advance({ days: 1 });

    const user = unwrap(await accept({ token, password: A_PASSWORD, display_name: 'Bob' }));

    expect(user).toMatchObject({
      id: invited.id,
      status: 'active',
      displayName: 'Bob',
      passwordHash: FakePasswordHasher.hashOf(A_PASSWORD),
    });
    expect(await w.users.findById(invited.id)).toEqual(user);
    expect(w.invites.all()[0]?.acceptedAt).toEqual(w.clock.now());
    expect(w.uow.scopes).toEqual([invite.tenantId]);
  });

  it('is gone once used', async () => {
    unwrap(await accept({ token, password: A_PASSWORD }));
    expect(await accept({ token, password: 'another password!' })).toEqual(failure('gone', 'invite_used'));
    expect((await w.users.findById(invited.id))?.passwordHash).toBe(FakePasswordHasher.hashOf(A_PASSWORD));
  });

  it('is gone once expired and leaves the user invited', async () => {
    w.clock.advance({ seconds: INVITE_TTL_SECONDS });

    expect(await accept({ token, password: A_PASSWORD })).toEqual(failure('gone', 'invite_expired'));
    expect((await w.users.findById(invited.id))?.status).toBe('invited');
  });

  it('answers an unknown token as not found', async () => {
    expect(await accept({ token: 'cki_unknown', password: A_PASSWORD })).toEqual(failure('not_found'));
  });

  it('refuses a short password and leaves the invite usable', async () => {
    const result = await accept({ token, password: 'short' });
    expect(result).toEqual(failure('validation'));
    expect(!result.ok && result.error.fields[0]?.path).toBe('password');

    unwrap(await accept({ token, password: A_PASSWORD }));
  });

  it('refuses to reset the password of a user who became active meanwhile', async () => {
    const activated = invited.activate(
      FakePasswordHasher.hashOf('original password'),
      undefined,
      w.clock.now(),
    );
    await w.users.update(unwrap(activated));

    expect(await accept({ token, password: A_PASSWORD })).toEqual(failure('conflict', 'already_active'));
    expect((await w.users.findById(invited.id))?.passwordHash).toBe(
      FakePasswordHasher.hashOf('original password'),
    );
    expect(w.invites.all()[0]?.acceptedAt).toBeNull();
  });
});
