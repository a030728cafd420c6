import { asTenantId } from '../../domain/shared/tenant-id';
import { Membership } from '../../domain/tenancy/membership.entity';
import { sha256 } from '../../test/support/fakes';
import { failure, unwrap } from '../../test/support/results';
import { A_PASSWORD, TenancyWorld } from '../../test/support/tenancy-world';
import { LoginUseCase } from './login.use-case';

const REFRESH_TTL = 30 * 24 * 3600;

describe('LoginUseCase', () => {
  let w: TenancyWorld;
  const useCase = () =>
    new LoginUseCase(
      w.users,
      w.memberships,
      w.sessions,
      w.passwords,
      w.accessTokens,
      w.tokens,
      w.ids,
      w.clock,
      {
        refreshTtlSeconds: REFRESH_TTL,
      },
    );

  beforeEach(() => {
    w = new TenancyWorld();
  });

  it('opens a session in the member tenant and returns a token pair', async () => {
    const tenant = await w.givenTenant();
    const { user } = await w.givenMember(tenant, 'developer', { email: 'alice@acme.test' });

    const pair = unwrap(await useCase().execute({ email: 'alice@acme.test', password: A_PASSWORD }));

    expect(pair).toMatchObject({
      token_type: 'Bearer',
      tenant_id: tenant.id,
      expires_in: w.accessTokens.ttlSeconds,
    });
    expect(pair.refresh_token).toMatch(/^crt_[A-Za-z0-9]{43}$/);
    const [session] = w.sessions.allSessions();
    expect(session).toMatchObject({ userId: user.id, tenantId: tenant.id, isActive: true });
    expect(w.accessTokens.claimsOf(pair.access_token)).toEqual({
      userId: user.id,
      sessionId: session?.id,
      tenantId: tenant.id,
    });
  });

  it('stores only the digest of the refresh token, expiring after the refresh TTL', async () => {
    await w.givenUser({ email: 'alice@acme.test' });
    const pair = unwrap(await useCase().execute({ email: 'alice@acme.test', password: A_PASSWORD }));

    const stored = w.sessions.allTokens();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.tokenHash).toBe(sha256(pair.refresh_token));
    expect(stored[0]?.expiresAt).toEqual(new Date(w.clock.now().getTime() + REFRESH_TTL * 1000));
    expect(JSON.stringify(stored)).not.toContain(pair.refresh_token);
  });

  it('finds the account whatever the case of the email', async () => {
    await w.givenUser({ email: 'alice@acme.test' });
    unwrap(await useCase().execute({ email: ' ALICE@Acme.test ', password: A_PASSWORD }));
  });

  it('acts in no tenant for a user without memberships', async () => {
    await w.givenOperator('op@cockpit.test');
    const pair = unwrap(await useCase().execute({ email: 'op@cockpit.test', password: A_PASSWORD }));
    expect(pair.tenant_id).toBeNull();
  });

  it('defaults to the oldest membership and switches to a chosen one', async () => {
    const older = await w.givenTenant('Older');
    const newer = await w.givenTenant('Newer');
    const user = await w.givenUser({ email: 'alice@acme.test' });
    const at = (ms: number) => new Date(w.clock.now().getTime() + ms);
    await w.memberships.add(
      Membership.grant({ tenantId: newer.id, userId: user.id, role: 'viewer', now: at(5) }),
    );
    await w.memberships.add(
      Membership.grant({ tenantId: older.id, userId: user.id, role: 'admin', now: at(1) }),
    );

    const byDefault = unwrap(await useCase().execute({ email: 'alice@acme.test', password: A_PASSWORD }));
    const chosen = unwrap(
      await useCase().execute({ email: 'alice@acme.test', password: A_PASSWORD, tenant_id: newer.id }),
    );

    expect(byDefault.tenant_id).toBe(older.id);
    expect(chosen.tenant_id).toBe(newer.id);
  });

  it('refuses a tenant the user does not belong to and opens no session', async () => {
    const tenant = await w.givenTenant();
    await w.givenMember(tenant, 'admin', { email: 'alice@acme.test' });
    const other = await w.givenTenant('Globex');

    const result = await useCase().execute({
      email: 'alice@acme.test',
      password: A_PASSWORD,
      tenant_id: other.id,
    });

    expect(result).toEqual(failure('forbidden', 'not_a_member'));
    expect(w.sessions.allSessions()).toEqual([]);
  });

  it('answers a wrong password and an unknown email with the same error, verifying a dummy for the latter', async () => {
    await w.givenUser({ email: 'alice@acme.test' });

    const wrongPassword = await useCase().execute({ email: 'alice@acme.test', password: 'not the password' });
    expect(w.passwords.verifications).toBe(1);
    expect(w.passwords.dummyVerifications).toBe(0);

    const unknownEmail = await useCase().execute({ email: 'nobody@acme.test', password: A_PASSWORD });
    expect(w.passwords.verifications).toBe(1);
    expect(w.passwords.dummyVerifications).toBe(1);

    expect(wrongPassword).toEqual(failure('unauthorized', 'invalid_credentials'));
    expect(unknownEmail).toEqual(wrongPassword);
    expect(w.sessions.allSessions()).toEqual([]);
  });

  it.each([
    ['an invited user', { password: null }],
    ['a disabled user', { status: 'disabled' as const }],
  ])('refuses %s as invalid credentials after a dummy verification', async (_label, options) => {
    await w.givenUser({ email: 'alice@acme.test', ...options });

    const result = await useCase().execute({ email: 'alice@acme.test', password: A_PASSWORD });

    expect(result).toEqual(failure('unauthorized', 'invalid_credentials'));
    expect(w.passwords.dummyVerifications).toBe(1);
    expect(w.sessions.allSessions()).toEqual([]);
  });

  it('answers a malformed email as invalid credentials', async () => {
    expect(await useCase().execute({ email: 'not-an-email', password: A_PASSWORD })).toEqual(
      failure('unauthorized', 'invalid_credentials'),
    );
  });

  it('refuses a chosen tenant to a user with no memberships at all', async () => {
    await w.givenUser({ email: 'alice@acme.test' });
    const result = await useCase().execute({
      email: 'alice@acme.test',
      password: A_PASSWORD,
      tenant_id: asTenantId('00000000-0000-7000-8000-0000000000ff'),
    });
    expect(result).toEqual(failure('forbidden', 'not_a_member'));
  });
});
