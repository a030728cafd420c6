import { formatApiKey } from '../../domain/tenancy/api-key.entity';
import { failure, unwrap } from '../../test/support/results';
import { TenancyWorld, disabled } from '../../test/support/tenancy-world';
import { AuthenticateUseCase } from './authenticate.use-case';

describe('AuthenticateUseCase', () => {
  let w: TenancyWorld;
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

  beforeEach(() => {
    w = new TenancyWorld();
  });

  describe('with an API key', () => {
    const givenKey = async (options: Parameters<TenancyWorld['givenApiKey']>[1] = {}) => {
      const tenant = await w.givenTenant();
      const project = await w.givenProject(tenant);
      return w.givenApiKey(project, options);
    };

    it('acts for the key project with the key role', async () => {
      const { key, secret } = await givenKey({ role: 'viewer' });

      expect(unwrap(await authenticate(secret))).toEqual({
        kind: 'api_key',
        apiKeyId: key.id,
        tenantId: key.tenantId,
        projectId: key.projectId,
        role: 'viewer',
      });
    });

    it('rejects the right prefix with a wrong secret', async () => {
      const { key } = await givenKey();
      const forged = formatApiKey(key.prefix, 'x'.repeat(32));

      expect(await authenticate(forged)).toEqual(failure('unauthorized', 'invalid_api_key'));
      expect(w.apiKeys.uses).toEqual([]);
    });

    it('rejects a well-formed key with an unknown prefix', async () => {
      await givenKey();
      expect(await authenticate(formatApiKey('Z'.repeat(12), 'x'.repeat(32)))).toEqual(
        failure('unauthorized', 'invalid_api_key'),
      );
    });

    it('rejects a revoked key', async () => {
      const { secret } = await givenKey({ revokedAt: w.clock.now() });
      expect(await authenticate(secret)).toEqual(failure('unauthorized', 'api_key_revoked'));
      expect(w.apiKeys.uses).toEqual([]);
    });

    it('rejects a key from its expiry on', async () => {
      const expiresAt = new Date(w.clock.now().getTime() + 60_000);
      const { secret } = await givenKey({ expiresAt });
      unwrap(await authenticate(secret));

      w.clock.set(expiresAt);

      expect(await authenticate(secret)).toEqual(failure('unauthorized', 'api_key_revoked'));
    });

    it('does not reveal that a key is revoked to someone without its secret', async () => {
      const { key } = await givenKey({ revokedAt: w.clock.now() });
      expect(await authenticate(formatApiKey(key.prefix, 'x'.repeat(32)))).toEqual(
        failure('unauthorized', 'invalid_api_key'),
      );
    });

    it('records the last use at most once a minute', async () => {
      const { key, secret } = await givenKey();
      const t0 = w.clock.now();

      unwrap(await authenticate(secret));
      w.clock.advance({ seconds: 30 });
      unwrap(await authenticate(secret));
      w.clock.advance({ seconds: 30 });
      unwrap(await authenticate(secret));
      expect(w.apiKeys.uses.map((use) => use.at)).toEqual([t0]);

      const t1 = w.clock.advance({ ms: 1 });
      unwrap(await authenticate(secret));

      expect(w.apiKeys.uses.map((use) => use.at)).toEqual([t0, t1]);
      expect(w.apiKeys.get(key.id)?.lastUsedAt).toEqual(t1);
    });
  });

  describe('with an access token', () => {
    const givenSignedIn = async (role: 'viewer' | 'admin' = 'admin') => {
      const tenant = await w.givenTenant();
      const { user } = await w.givenMember(tenant, role, { email: 'alice@acme.test' });
      const { session, accessToken } = await w.givenSession(user, tenant.id);
      return { tenant, user, session, token: accessToken };
    };

    it('acts as the user in the token tenant with the membership role', async () => {
      const { tenant, user, session, token } = await givenSignedIn('viewer');

      expect(unwrap(await authenticate(token))).toEqual({
        kind: 'user',
        userId: user.id,
        email: 'alice@acme.test',
        sessionId: session.id,
        tenantId: tenant.id,
        role: 'viewer',
        isOperator: false,
      });
    });

    it('reads the role afresh, so a role change applies to tokens already issued', async () => {
      const { tenant, user, token } = await givenSignedIn('admin');
      const membership = await w.memberships.find(tenant.id, user.id);
      if (!membership) throw new Error('no membership');
      await w.memberships.update(membership.changeRole('viewer', w.clock.now()));

      expect(unwrap(await authenticate(token))).toMatchObject({ role: 'viewer' });
    });

    it('acts in no tenant for a token without one', async () => {
      const { user } = await w.givenOperator();
      const { accessToken } = await w.givenSession(user, null);

      expect(unwrap(await authenticate(accessToken))).toMatchObject({
        tenantId: null,
        role: null,
        isOperator: true,
      });
    });

    it('rejects a token whose session was revoked', async () => {
      const { session, token } = await givenSignedIn();
      await w.sessions.revoke(session.id, 'logout', w.clock.now());

      expect(await authenticate(token)).toEqual(failure('unauthorized', 'session_revoked'));
    });

    it('rejects a token that names another user session', async () => {
      const { session } = await givenSignedIn();
      const mallory = await w.givenUser();
      const { token } = await w.accessTokens.issue({
        userId: mallory.id,
        sessionId: session.id,
        tenantId: null,
      });

      expect(await authenticate(token)).toEqual(failure('unauthorized', 'session_revoked'));
    });

    it('rejects a token whose session does not exist', async () => {
      const user = await w.givenUser();
      const { token } = await w.accessTokens.issue({ userId: user.id, sessionId: 'nope', tenantId: null });

      expect(await authenticate(token)).toEqual(failure('unauthorized', 'session_revoked'));
    });

    it('rejects a token of a member removed from the tenant', async () => {
      const { tenant, user, token } = await givenSignedIn();
      await w.memberships.remove(tenant.id, user.id);

      expect(await authenticate(token)).toEqual(failure('unauthorized', 'membership_removed'));
    });

    it('rejects a token of a disabled user', async () => {
      const { user, token } = await givenSignedIn();
      await w.users.update(disabled(user));

      expect(await authenticate(token)).toEqual(failure('unauthorized', 'user_disabled'));
    });

    it('passes the verifier refusal of a bad or expired token through', async () => {
      const { token } = await givenSignedIn();
      expect(await authenticate('garbage')).toEqual(failure('unauthorized', 'invalid_token'));

      w.clock.advance({ seconds: w.accessTokens.ttlSeconds });

      expect(await authenticate(token)).toEqual(failure('unauthorized', 'token_expired'));
    });
  });
});
