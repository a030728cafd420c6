import { Invite } from '../../domain/tenancy/invite.entity';
import { unwrap } from '../../test/support/results';
import { TenancyWorld } from '../../test/support/tenancy-world';
import { PurgeExpiredCredentialsUseCase } from './purge-expired-credentials.use-case';
import { RefreshSessionUseCase } from './refresh-session.use-case';

const DAY_MS = 86_400_000;
const SIXTY_DAYS_S = 60 * 24 * 3600;

describe('PurgeExpiredCredentialsUseCase', () => {
  let w: TenancyWorld;
  const purge = () => new PurgeExpiredCredentialsUseCase(w.housekeeping, w.clock).execute();

  beforeEach(() => {
    w = new TenancyWorld();
  });

  it('purges what went stale more than 30 days ago', async () => {
    await purge();
    expect(w.housekeeping.cutoffs).toEqual([new Date(w.clock.now().getTime() - 30 * DAY_MS)]);
  });

  it('reports how much went, or null while another process is purging', async () => {
    const user = await w.givenUser();
    await w.givenSession(user, null);
    w.clock.advance({ days: 31 });
    w.housekeeping.busy = true;

    expect(await purge()).toEqual({ purged: null });
    expect(w.sessions.allSessions()).toHaveLength(1);

    w.housekeeping.busy = false;
    expect(await purge()).toEqual({ purged: 2 }); // the expired refresh token, then its tokenless session
  });

  it('keeps a used but unexpired refresh token, so a replay is still caught as reuse', async () => {
    const user = await w.givenUser();
    const { session, refreshToken } = await w.givenSession(user, null, SIXTY_DAYS_S);
    const refresh = (token: string) =>
      new RefreshSessionUseCase(
        w.sessions,
        w.users,
        w.memberships,
        w.accessTokens,
        w.tokens,
        w.ids,
        w.clock,
        {
          refreshTtlSeconds: SIXTY_DAYS_S,
        },
      ).execute({ refresh_token: token });
    unwrap(await refresh(refreshToken));
    w.clock.advance({ days: 40 });

    await purge();

    expect(await refresh(refreshToken)).toEqual({
      ok: false,
      error: expect.objectContaining({ reason: 'refresh_token_reused' }),
    });
    expect(w.sessions.get(session.id)?.revokeReason).toBe('refresh_token_reused');
  });

  it('purges invites that expired more than 30 days ago and keeps newer ones', async () => {
    const tenant = await w.givenTenant();
    const invite = (id: string) =>
      Invite.create({
        id,
        tenantId: tenant.id,
        userId: 'u-1',
        tokenHash: id,
        createdBy: null,
        now: w.clock.now(),
      });
    await w.invites.create(invite('old'));
    w.clock.advance({ days: 10 });
    await w.invites.create(invite('recent'));
    w.clock.advance({ days: 28 }); // "old" expired 31 days ago, "recent" 21 days ago

    expect(await purge()).toEqual({ purged: 1 });
    expect(w.invites.all().map((i) => i.id)).toEqual(['recent']);
  });
});
