import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CredentialCipher, type SealedCredentials } from '../../domain/cloud/ports/credential-cipher.port';
import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';

const AAD = Buffer.from('cockpit:cloud-credentials:v1');

/** A key id names a key without revealing it: a short hash, stored beside each ciphertext. */
export const keyIdOf = (key: Buffer): string =>
  createHash('sha256').update('cockpit:credential-key-id').update(key).digest('hex').slice(0, 16);

/**
 * Accepts a 32-byte key as 64 hex characters or base64; any other string of 32+ characters is
 * hashed to 256 bits (a passphrase), so a typo'd key fails loudly at start-up rather than later.
 */
export function parseEncryptionKey(value: string): Buffer {
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  const b64 = /^[A-Za-z0-9+/_-]{43}=?$/.test(text) ? Buffer.from(text, 'base64url') : null;
  if (b64 && b64.length === 32) return b64;
  if (text.length < 32)
    throw new Error('COCKPIT_ENCRYPTION_KEY must be 32 bytes (hex/base64) or 32+ characters');
  return createHash('sha256').update(text).digest();
}

export interface CipherOptions {
  readonly key?: string;
  /** Earlier keys, still accepted for opening (rotation). */
  readonly previousKeys?: readonly string[];
  readonly production: boolean;
  readonly dataDir: string;
}

/**
 * AES-256-GCM for cloud credentials. The key comes from COCKPIT_ENCRYPTION_KEY; earlier keys from
 * COCKPIT_ENCRYPTION_KEY_PREVIOUS keep old rows readable until they are re-sealed. In development
 * without a key, a key file in the data directory (0600) stands in; in production there is no
 * fallback: storing credentials is refused.
 */
export class AesCredentialCipher extends CredentialCipher {
  private readonly keys = new Map<string, Buffer>();
  private readonly current: { id: string; key: Buffer } | null;

  constructor(keys: { current: Buffer | null; previous?: readonly Buffer[] }) {
    super();
    for (const key of keys.previous ?? []) this.keys.set(keyIdOf(key), key);
    this.current = keys.current ? { id: keyIdOf(keys.current), key: keys.current } : null;
    if (this.current) this.keys.set(this.current.id, this.current.key);
  }

  static fromEnvironment(options: CipherOptions): AesCredentialCipher {
    const previous = (options.previousKeys ?? []).map(parseEncryptionKey);
    if (options.key) return new AesCredentialCipher({ current: parseEncryptionKey(options.key), previous });
    if (options.production) return new AesCredentialCipher({ current: null, previous });
    if (options.dataDir.startsWith('memory://'))
      return new AesCredentialCipher({ current: randomBytes(32), previous });
    mkdirSync(options.dataDir, { recursive: true });
    const file = join(options.dataDir, 'encryption.key');
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    return new AesCredentialCipher({ current: parseEncryptionKey(readFileSync(file, 'utf8')), previous });
  }

  get currentKeyId(): string | null {
    return this.current?.id ?? null;
  }

  seal(values: Readonly<Record<string, string>>): Result<SealedCredentials> {
    if (!this.current) {
      return err(
        DomainError.unavailable(
          'COCKPIT_ENCRYPTION_KEY is not set: outside development Cockpit refuses to store cloud credentials without an encryption key',
          'encryption_key_missing',
        ),
      );
    }
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(AAD);
    const body = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()]);
    const ciphertext = [
      'v1',
      iv.toString('base64url'),
      body.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
    ].join('.');
    return ok({ keyId: this.current.id, ciphertext });
  }

  open(sealed: SealedCredentials): Result<Readonly<Record<string, string>>> {
    const key = this.keys.get(sealed.keyId);
    if (!key) {
      return err(
        DomainError.unavailable(
          `the credentials were sealed with encryption key ${sealed.keyId}, which is not configured (set it in COCKPIT_ENCRYPTION_KEY_PREVIOUS)`,
          'encryption_key_unknown',
        ),
      );
    }
    const [version, iv, body, tag] = sealed.ciphertext.split('.');
    try {
      if (version !== 'v1' || !iv || !body || !tag) throw new Error('malformed');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(AAD);
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plain = Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
      return ok(JSON.parse(plain) as Record<string, string>);
    } catch {
      return err(
        DomainError.unavailable(
          'the stored credentials could not be decrypted (tampered or corrupt)',
          'credentials_corrupt',
        ),
      );
    }
  }
}
