import { type Email } from './email';
import { User, checkPassword } from './user.entity';

const T0 = new Date('2026-11-23T10:00:00.000Z');
const T1 = new Date('2026-11-24T10:00:00.000Z');
const email = 'alice@example.test' as Email;

function register(passwordHash: string | null, displayName?: string | null): User {
  const registered = User.register({ id: 'u-1', email, passwordHash, displayName, now: T0 });
  if (!registered.ok) throw new Error(registered.error.message);
  return registered.value;
}

describe('User', () => {
  it('is active and can log in when registered with a password', () => {
    const user = register('hash');
    expect(user).toMatchObject({ status: 'active', isOperator: false, displayName: null, createdAt: T0 });
    expect(user.canLogIn).toBe(true);
  });

  it('is invited and cannot log in when registered without a password', () => {
    const user = register(null);
    expect(user.status).toBe('invited');
    expect(user.canLogIn).toBe(false);
  });

  it('cannot log in when disabled, even with a password', () => {
    const user = User.restore({
      id: 'u-1',
      email,
      passwordHash: 'hash',
      displayName: null,
      isOperator: false,
      status: 'disabled',
      createdAt: T0,
      updatedAt: T0,
    });
    expect(user.canLogIn).toBe(false);
    expect(user.activate('new-hash', undefined, T0)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'forbidden', reason: 'user_disabled' }),
    });
  });

  it('trims the display name and stores a blank one as null', () => {
    expect(register('hash', '  Alice ').displayName).toBe('Alice');
    expect(register('hash', '   ').displayName).toBeNull();
  });

  it('rejects a display name over 120 characters with an error on "display_name"', () => {
    const registered = User.register({
      id: 'u-1',
      email,
      passwordHash: null,
      displayName: 'x'.repeat(121),
      now: T0,
    });
    expect(!registered.ok && registered.error.fields.map((field) => field.path)).toEqual(['display_name']);
  });

  it('activates an invited user into a new, active instance', () => {
    const invited = register(null, 'Alice');
    const activated = invited.activate('new-hash', undefined, T1);
    expect(activated.ok).toBe(true);
    if (!activated.ok) return;
    expect(activated.value).not.toBe(invited);
    expect(activated.value).toMatchObject({
      status: 'active',
      passwordHash: 'new-hash',
      displayName: 'Alice',
      createdAt: T0,
      updatedAt: T1,
    });
    expect(invited).toMatchObject({ status: 'invited', passwordHash: null });
  });

  it('sets or clears the display name on activation when one is given', () => {
    const renamed = register(null, 'Alice').activate('h', 'Alice Smith', T1);
    const cleared = register(null, 'Alice').activate('h', null, T1);
    expect(renamed.ok && renamed.value.displayName).toBe('Alice Smith');
    expect(cleared.ok && cleared.value.displayName).toBeNull();
  });

  it('refuses to activate a user that is already active', () => {
    expect(register('hash').activate('other', undefined, T1)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'conflict', reason: 'already_active' }),
    });
  });

  it('refuses an invalid display name on activation', () => {
    const activated = register(null).activate('h', 'x'.repeat(121), T1);
    expect(!activated.ok && activated.error.fields[0]?.path).toBe('display_name');
  });
});

describe('checkPassword', () => {
  const accepts = (password: string): boolean => checkPassword(password).ok;

  it('accepts 12 characters and rejects 11', () => {
    expect(accepts('a'.repeat(12))).toBe(true);
    expect(accepts('a'.repeat(11))).toBe(false);
  });

  it('accepts 72 bytes and rejects 73', () => {
    expect(accepts('a'.repeat(72))).toBe(true);
    expect(accepts('a'.repeat(73))).toBe(false);
  });

  it('counts bytes, not characters, against the 72-byte maximum', () => {
    expect(accepts('é'.repeat(36))).toBe(true); // 36 characters, 72 bytes
    expect(accepts('é'.repeat(37))).toBe(false); // 37 characters, 74 bytes
    expect(accepts('€'.repeat(24))).toBe(true); // 72 bytes
    expect(accepts('€'.repeat(25))).toBe(false); // 75 bytes
    expect(accepts('😀'.repeat(18))).toBe(true); // 72 bytes
    expect(accepts('😀'.repeat(19))).toBe(false); // 76 bytes
  });

  it('accepts 12 multibyte characters', () => {
    expect(accepts('é'.repeat(12))).toBe(true);
    expect(accepts('€'.repeat(12))).toBe(true);
  });

  // NIST 800-63B (cited in user.entity.ts) counts each Unicode code point as one character, and the
  // error says "at least 12 characters"; `password.length` counts UTF-16 code units instead.
  it('rejects fewer than 12 characters when they lie outside the Basic Multilingual Plane', () => {
    expect(accepts('😀'.repeat(6))).toBe(false); // 6 characters, length 12 in UTF-16
  });

  it('reports the failure on the given field', () => {
    const checked = checkPassword('short', 'admin_password');
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.error.code).toBe('validation');
    expect(checked.error.fields).toEqual([
      { path: 'admin_password', message: 'must be at least 12 characters and at most 72 bytes' },
    ]);
  });
});
