import { asTenantId } from '../shared/tenant-id';
import { INVITE_TTL_SECONDS, Invite } from './invite.entity';

const T0 = new Date('2026-11-23T10:00:00.000Z');
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);

function anInvite(): Invite {
  return Invite.create({
    id: 'i-1',
    tenantId: asTenantId('00000000-0000-7000-8000-000000000001'),
    userId: 'u-1',
    tokenHash: 'h',
    createdBy: 'admin-1',
    now: T0,
  });
}

describe('Invite', () => {
  it('expires seven days after it is created and starts unaccepted', () => {
    expect(INVITE_TTL_SECONDS).toBe(7 * 24 * 3600);
    expect(anInvite()).toMatchObject({ createdAt: T0, expiresAt: at(INVITE_TTL_SECONDS), acceptedAt: null });
  });

  it('is accepted into a new instance, leaving the original unaccepted', () => {
    const invite = anInvite();
    const accepted = invite.accept(at(60));
    expect(accepted.ok).toBe(true);
    if (!accepted.ok) return;
    expect(accepted.value).not.toBe(invite);
    expect(accepted.value.acceptedAt).toEqual(at(60));
    expect(invite.acceptedAt).toBeNull();
  });

  it('is gone once it has been used', () => {
    const accepted = anInvite().accept(at(60));
    if (!accepted.ok) throw new Error('first acceptance failed');
    const again = accepted.value.accept(at(120));
    expect(again).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'gone', reason: 'invite_used' }),
    });
  });

  it('is still accepted one millisecond before it expires', () => {
    expect(anInvite().accept(new Date(at(INVITE_TTL_SECONDS).getTime() - 1)).ok).toBe(true);
  });

  it.each([0, 1])('is gone %d s after it expired', (late) => {
    const accepted = anInvite().accept(at(INVITE_TTL_SECONDS + late));
    expect(accepted).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'gone', reason: 'invite_expired' }),
    });
  });
});
