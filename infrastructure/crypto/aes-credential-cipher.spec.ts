import { randomBytes } from 'node:crypto';
import { AesCredentialCipher, keyIdOf, parseEncryptionKey } from './aes-credential-cipher';

const values = {
  access_key_id: 'AKIAIOSFODNN7EXAMPLE',
  secret_access_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

describe('AesCredentialCipher', () => {
  it('seals to a ciphertext without the secret and opens it again under the same key', () => {
    const key = randomBytes(32);
    const cipher = new AesCredentialCipher({ current: key });
    const sealed = cipher.seal(values);
    if (!sealed.ok) throw new Error(sealed.error.message);
    expect(sealed.value.keyId).toBe(keyIdOf(key));
    expect(sealed.value.ciphertext).not.toContain('wJalr');
    expect(Buffer.from(sealed.value.ciphertext.split('.')[2]!, 'base64url').toString('latin1')).not.toContain(
      'wJalr',
    );
    expect(cipher.open(sealed.value)).toEqual({ ok: true, value: values });
  });

  it('opens rows sealed under a previous key after rotation, and names an unknown key', () => {
    const old = randomBytes(32);
    const sealed = new AesCredentialCipher({ current: old }).seal(values);
    if (!sealed.ok) throw new Error('seal failed');
    const rotated = new AesCredentialCipher({ current: randomBytes(32), previous: [old] });
    expect(rotated.open(sealed.value)).toEqual({ ok: true, value: values });
    expect(rotated.currentKeyId).not.toBe(sealed.value.keyId);
    const forgotten = new AesCredentialCipher({ current: randomBytes(32) }).open(sealed.value);
    expect(forgotten).toMatchObject({ ok: false, error: { reason: 'encryption_key_unknown' } });
  });

  it('refuses a tampered ciphertext', () => {
    const cipher = new AesCredentialCipher({ current: randomBytes(32) });
    const sealed = cipher.seal(values);
    if (!sealed.ok) throw new Error('seal failed');
    const parts = sealed.value.ciphertext.split('.');
    const body = Buffer.from(parts[2]!, 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[2] = body.toString('base64url');
    expect(cipher.open({ ...sealed.value, ciphertext: parts.join('.') })).toMatchObject({
      ok: false,
      error: { reason: 'credentials_corrupt' },
    });
  });

  it('refuses to store credentials in production without a key', () => {
    const cipher = AesCredentialCipher.fromEnvironment({ production: true, dataDir: '/nonexistent' });
    expect(cipher.currentKeyId).toBeNull();
    expect(cipher.seal(values)).toMatchObject({
      ok: false,
      error: { code: 'unavailable', reason: 'encryption_key_missing' },
    });
  });

  it('accepts hex, base64 and passphrase keys, and rejects short ones', () => {
    const raw = randomBytes(32);
    expect(parseEncryptionKey(raw.toString('hex')).equals(raw)).toBe(true);
    expect(parseEncryptionKey(raw.toString('base64')).equals(raw)).toBe(true);
    expect(parseEncryptionKey('a passphrase that is long enough!!')).toHaveLength(32);
    expect(() => parseEncryptionKey('short')).toThrow(/32/);
  });
});
