import { sha256 } from '../../test/support/fakes';
import { failure, unwrap } from '../../test/support/results';
import { A_PASSWORD, TenancyWorld, disabled } from '../../test/support/tenancy-world';
import { AuthenticateUseCase } from './authenticate.use-case';
import { LoginUseCase, type TokenPairView } from './login.use-case';
import { RefreshSessionUseCase } from './refresh-session.use-case';

const REFRESH_TTL = 3600;

describe('RefreshSessionUseCase', () => {
  let w: TenancyWorld;
  const refresh = (refresh_token: string, tenant_id?: string) =>
    new RefreshSessionUseCase(w.sessions, w.users, w.memberships, w.accessTokens, w.tokens, w.ids, w.clock, {
      refreshTtlSeconds: REFRESH_TTL,
    }).execute({ refresh_token, tenant_id });
  const authenticate = (credential: string) =>
    new AuthenticateUseCase(
      w.apiKeys,
      w.sessions,
      w.users,
      w.memberships,
      w.accessTokens,
      w.tokens,
      w.clock,
    ).execute(credential);
  const signIn = async (email: string): Promise<TokenPairView> =>
    unwrap(
      await new LoginUseCase(
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
      ).execute({ email, password: A_PASSWORD }),
    );
  const onlySession = () => {
    const [session, ...others] = w.sessions.allSessions();
    if (!session || others.length > 0) throw new Error('expected exactly one session');
    return session;
  };

  beforeEach(() => {
    w = new TenancyWorld();
  });

  it('exchanges a refresh token for a new pair and marks the old token used', async () => {
    const tenant = await w.givenTenant();
    const { user } = await w.givenMember(tenant, 'developer', { email: 'alice@acme.test' });
    const first = await signIn('alice@acme.test');

    const second = unwrap(await refresh(first.refresh_token));

    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    expect(second).toMatchObject({ tenant_id: tenant.id, token_type: 'Bearer' });
    expect(w.accessTokens.claimsOf(second.access_token)).toEqual({
      userId: user.id,
      sessionId: onlySession().id,
      tenantId: tenant.id,
    });
    const used = await w.sessions.findRefreshToken(sha256(first.refresh_token));
    expect(used?.usedAt).toEqual(w.clock.now());
    unwrap(await refresh(second.refresh_token));
  });

  it('rejects a replayed refresh token and revokes the session, so the newer tokens fail too', async () => {
    const tenant = await w.givenTenant();
    await w.givenMember(tenant, 'developer', { email: 'alice@acme.test' });
    const first = await signIn('alice@acme.test');
    const second = unwrap(await refresh(first.refresh_token));

    expect(await refresh(first.refresh_token)).toEqual(failure('unauthorized', 'refresh_token_reused'));

    expect(onlySession()).toMatchObject({ isActive: false, revokeReason: 'refresh_token_reused' });
    expect(await refresh(second.refresh_token)).toEqual(failure('unauthorized', 'session_revoked'));
    expect(await authenticate(second.access_token)).toEqual(failure('unauthorized', 'session_revoked'));
  });

  it('lets only one of two concurrent exchanges of a token win, and treats the other as reuse', async () => {
    await w.givenUser({ email: 'alice@acme.test' });
    const first = await signIn('alice@acme.test');

    const results = await Promise.all([refresh(first.refresh_token), refresh(first.refresh_token)]);

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual([failure('unauthorized', 'refresh_token_reused')]);
    expect(onlySession().revokeReason).toBe('refresh_token_reused');
  });

  it('rejects an unknown refresh token', async () => {
    expect(await refresh('crt_unknown')).toEqual(failure('unauthorized', 'invalid_refresh_token'));
  });

  it('rejects an expired refresh token without revoking the session', async () => {
    await w.givenUser({ email: 'alice@acme.test' });
    const first = await signIn('alice@acme.test');
    w.clock.advance({ seconds: REFRESH_TTL });

    expect(await refresh(first.refresh_token)).toEqual(failure('unauthorized', 'refresh_token_expired'));
    expect(onlySession().isActive).toBe(true);
  });

  it('rejects the tokens of a session that was logged out', async () => {
    await w.givenUser({ email: 'alice@acme.test' });
    const first = await signIn('alice@acme.test');
    await w.sessions.revoke(onlySession().id, 'logout', w.clock.now());

    expect(await refresh(first.refresh_token)).toEqual(failure('unauthorized', 'session_revoked'));
  });

  it('ends the session of a user who was disabled since signing in', async () => {
    const user = await w.givenUser({ email: 'alice@acme.test' });
    const first = await signIn('alice@acme.test');
    await w.users.update(disabled(user));

    expect(await refresh(first.refresh_token)).toEqual(failure('unauthorized', 'user_disabled'));
    expect(onlySession()).toMatchObject({ isActive: false, revokeReason: 'user_disabled' });
  });

  it('switches the session to another tenant the user belongs to', async () => {
    const acme = await w.givenTenant('Acme');
    const globex = await w.givenTenant('Globex');
    const { user } = await w.givenMember(acme, 'admin', { email: 'alice@acme.test' });
    await w.givenMember(globex, 'viewer', { user });
    const first = await signIn('alice@acme.test');
    expect(first.tenant_id).toBe(acme.id);

    const switched = unwrap(await refresh(first.refresh_token, globex.id));

    expect(switched.tenant_id).toBe(globex.id);
    expect(w.accessTokens.claimsOf(switched.access_token)?.tenantId).toBe(globex.id);
    expect(onlySession().tenantId).toBe(globex.id);
  });

  it('refuses to switch to a tenant the user does not belong to, leaving the token usable', async () => {
    const acme = await w.givenTenant('Acme');
    const globex = await w.givenTenant('Globex');
    await w.givenMember(acme, 'admin', { email: 'alice@acme.test' });
    const first = await signIn('alice@acme.test');

    expect(await refresh(first.refresh_token, globex.id)).toEqual(failure('forbidden', 'not_a_member'));
    expect(onlySession().tenantId).toBe(acme.id);
    expect(unwrap(await refresh(first.refresh_token)).tenant_id).toBe(acme.id);
  });

  it('drops the tenant of a user removed from it since the last refresh', async () => {
    const tenant = await w.givenTenant();
    const { user } = await w.givenMember(tenant, 'developer', { email: 'alice@acme.test' });
    const first = await signIn('alice@acme.test');
    await w.memberships.remove(tenant.id, user.id);

    const next = unwrap(await refresh(first.refresh_token));

    expect(next.tenant_id).toBeNull();
    expect(onlySession().tenantId).toBeNull();
  });
});
