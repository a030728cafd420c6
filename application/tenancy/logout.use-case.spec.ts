import { failure, unwrap } from '../../test/support/results';
import { TenancyWorld } from '../../test/support/tenancy-world';
import { LogoutUseCase } from './logout.use-case';

describe('LogoutUseCase', () => {
  let w: TenancyWorld;
  const useCase = () => new LogoutUseCase(w.sessions, w.tokens, w.clock);

  beforeEach(() => {
    w = new TenancyWorld();
  });

  const givenSession = async () => w.givenSession(await w.givenUser(), null);

  it('ends the session of the given refresh token', async () => {
    const { session, refreshToken } = await givenSession();

    unwrap(await useCase().execute(null, { refresh_token: refreshToken }));

    expect(w.sessions.get(session.id)).toMatchObject({
      isActive: false,
      revokeReason: 'logout',
      revokedAt: w.clock.now(),
    });
  });

  it('is idempotent: logging out twice succeeds and keeps the first end time', async () => {
    const { session, refreshToken } = await givenSession();
    const firstAt = w.clock.now();

    unwrap(await useCase().execute(null, { refresh_token: refreshToken }));
    w.clock.advance({ minutes: 5 });
    unwrap(await useCase().execute(null, { refresh_token: refreshToken }));

    expect(w.sessions.get(session.id)?.revokedAt).toEqual(firstAt);
  });

  it('accepts an unknown refresh token and ends nothing', async () => {
    const { session } = await givenSession();

    unwrap(await useCase().execute(null, { refresh_token: 'crt_unknown' }));

    expect(w.sessions.get(session.id)?.isActive).toBe(true);
  });

  it('ends the calling user session when no refresh token is sent', async () => {
    const user = await w.givenUser();
    const { session } = await w.givenSession(user, null);
    const { session: other } = await w.givenSession(user, null);

    unwrap(await useCase().execute(w.userActor(user, null, null, session.id), {}));

    expect(w.sessions.get(session.id)?.revokeReason).toBe('logout');
    expect(w.sessions.get(other.id)?.isActive).toBe(true);
  });

  it('asks for a refresh token when the caller is not a signed-in user', async () => {
    const tenant = await w.givenTenant();
    const { key } = await w.givenApiKey(await w.givenProject(tenant));

    expect(await useCase().execute(null, {})).toEqual(failure('validation'));
    expect(await useCase().execute(w.apiKeyActor(key), {})).toEqual(failure('validation'));
  });
});
