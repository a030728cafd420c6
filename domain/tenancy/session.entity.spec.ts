import { asTenantId } from '../shared/tenant-id';
import { RefreshToken, Session } from './session.entity';

const T0 = new Date('2026-11-23T10:00:00.000Z');
const tenantId = asTenantId('00000000-0000-7000-8000-000000000001');

describe('Session', () => {
  it('opens active, in the given tenant', () => {
    const session = Session.open({ id: 's-1', userId: 'u-1', tenantId, now: T0 });
    expect(session).toMatchObject({ tenantId, createdAt: T0, revokedAt: null, revokeReason: null });
    expect(session.isActive).toBe(true);
  });

  it('is inactive once revoked', () => {
    const session = Session.restore({
      id: 's-1',
      userId: 'u-1',
      tenantId: null,
      createdAt: T0,
      revokedAt: T0,
      revokeReason: 'logout',
    });
    expect(session.isActive).toBe(false);
  });

  it('switches tenant into a new instance', () => {
    const session = Session.open({ id: 's-1', userId: 'u-1', tenantId, now: T0 });
    const switched = session.switchTenant(null);
    expect(switched).not.toBe(session);
    expect(switched.tenantId).toBeNull();
    expect(session.tenantId).toBe(tenantId);
  });
});

describe('RefreshToken', () => {
  const token = RefreshToken.issue({ id: 't-1', sessionId: 's-1', tokenHash: 'h', now: T0, ttlSeconds: 60 });

  it('is issued unused, expiring after its TTL', () => {
    expect(token).toMatchObject({ usedAt: null, createdAt: T0, expiresAt: new Date(T0.getTime() + 60_000) });
  });

  it('is expired from the instant of its expiry on', () => {
    expect(token.isExpired(new Date(T0.getTime() + 59_999))).toBe(false);
    expect(token.isExpired(new Date(T0.getTime() + 60_000))).toBe(true);
  });
});
