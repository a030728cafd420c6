import fc from 'fast-check';
import { parseEmail } from './email';

describe('parseEmail', () => {
  it('normalises case and surrounding whitespace', () => {
    expect(parseEmail('  Alice.Smith@Example.COM ')).toEqual({ ok: true, value: 'alice.smith@example.com' });
  });

  it.each([
    '',
    'alice',
    'alice@example',
    '@example.com',
    'alice@.com',
    'al ice@example.com',
    'alice@@example.com',
    'alice@exa mple.com',
  ])('rejects %j', (value) => {
    const parsed = parseEmail(value);
    expect(parsed.ok).toBe(false);
  });

  it('puts the given field name in the error path and message', () => {
    const parsed = parseEmail('nope', 'admin_email');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe('validation');
    expect(parsed.error.message).toBe('admin_email must be a valid email address');
    expect(parsed.error.fields).toEqual([{ path: 'admin_email', message: 'must be a valid email address' }]);
  });

  it('defaults the field name to "email"', () => {
    const parsed = parseEmail('nope');
    expect(!parsed.ok && parsed.error.fields[0]?.path).toBe('email');
  });

  it('accepts 254 characters and rejects 255', () => {
    const domain = '@example.com';
    expect(parseEmail('a'.repeat(254 - domain.length) + domain).ok).toBe(true);
    expect(parseEmail('a'.repeat(255 - domain.length) + domain).ok).toBe(false);
  });

  it('accepts RFC-shaped addresses up to 254 characters, lower-cased, and parses its output to itself', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (raw) => {
        const once = parseEmail(raw.toUpperCase());
        expect(once.ok).toBe(raw.length <= 254);
        if (!once.ok) return;
        expect(once.value).toBe(raw.toLowerCase());
        expect(parseEmail(once.value)).toEqual(once);
      }),
    );
  });
});
