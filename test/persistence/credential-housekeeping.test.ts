import { randomUUID } from 'node:crypto';
import { ok } from '../../domain/shared/result';
import { RefreshToken, Session } from '../../domain/tenancy/session.entity';
import { TypeormCredentialHousekeeping } from '../../infrastructure/persistence/repositories/typeorm-credential-housekeeping';
import { TypeormSessionRepository } from '../../infrastructure/persistence/repositories/typeorm-session.repository';
import { TypeormTenantRepository } from '../../infrastructure/persistence/repositories/typeorm-tenant.repository';
import { TypeormUserRepository } from '../../infrastructure/persistence/repositories/typeorm-user.repository';
import { aTenant, aUser } from '../support/builders';
import { type TestDatabase, engines, openTestDatabase } from '../support/test-database';

describe.each(engines())('credential housekeeping on %s', (engine) => {
  let testDb: TestDatabase;

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
  });
  afterAll(async () => {
    await testDb?.close();
  });

  it('purges only expired material, through the application role', async () => {
    const { db } = testDb;
    const sessions = new TypeormSessionRepository(db);
    const tenant = aTenant();
    const user = aUser();
    await db.inTenant(tenant.id, async () => {
      await new TypeormTenantRepository(db).create(tenant);
      await new TypeormUserRepository(db).create(user);
      return ok(undefined);
    });
    const longAgo = new Date(Date.now() - 90 * 86_400_000);
    const now = new Date();
    const token = (sessionId: string, at: Date, ttlSeconds: number) =>
      RefreshToken.issue({ id: randomUUID(), sessionId, tokenHash: randomUUID(), now: at, ttlSeconds });

    const stale = Session.open({ id: randomUUID(), userId: user.id, tenantId: tenant.id, now: longAgo });
    const staleToken = token(stale.id, longAgo, 60);
    await sessions.open(stale, staleToken);
    const live = Session.open({ id: randomUUID(), userId: user.id, tenantId: tenant.id, now });
    const liveToken = token(live.id, now, 3600);
    await sessions.open(live, liveToken);
    // used but not yet expired: must survive, or a replay would no longer be detected as reuse
    const successor = token(live.id, now, 3600);
    expect(await sessions.rotate(liveToken, successor, live, now)).toBe(true);

    const purged = await new TypeormCredentialHousekeeping(db).purgeExpired(
      new Date(Date.now() - 30 * 86_400_000),
    );
    expect(purged).toBe(2); // the stale token and its session

    expect(await sessions.findById(stale.id)).toBeNull();
    expect(await sessions.findRefreshToken(staleToken.tokenHash)).toBeNull();
    expect(await sessions.findById(live.id)).not.toBeNull();
    expect((await sessions.findRefreshToken(liveToken.tokenHash))?.usedAt).not.toBeNull();
    expect(await sessions.findRefreshToken(successor.tokenHash)).not.toBeNull();
  });
});
