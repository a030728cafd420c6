import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const VERSION = 'v1';

/**
 * Encryption at rest for the secrets Cockpit keeps in its database (signing keys, webhook
 * secrets): AES-256-GCM under a master key that never enters the database. The master key comes
 * from COCKPIT_MASTER_KEY, else from a key file in the data directory (created on first start,
 * mode 0600), else (in-memory data) lives only as long as the process.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(masterKey: string | Buffer) {
    // any string of 32+ characters: hashed down to exactly 256 bits
    this.key = createHash('sha256').update(masterKey).digest();
  }

  static fromEnvironment(options: { masterKey?: string; dataDir: string }): SecretBox {
    if (options.masterKey) return new SecretBox(options.masterKey);
    if (options.dataDir.startsWith('memory://')) return new SecretBox(randomBytes(32));
    mkdirSync(options.dataDir, { recursive: true });
    const file = join(options.dataDir, 'master.key');
    if (!existsSync(file)) {
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    }
    chmodSync(file, 0o600);
    return new SecretBox(readFileSync(file, 'utf8').trim());
  }

  /** Which master key sealed a value (so a replica can tell "not mine" from "corrupt"). */
  get keyId(): string {
    return createHash('sha256').update(this.key).update('cockpit:key-id').digest('base64url').slice(0, 12);
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [
      VERSION,
      this.keyId,
      iv.toString('base64url'),
      body.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
    ].join('.');
  }

  /** The plain text, or null when it was sealed under another master key or was tampered with. */
  open(sealed: string): string | null {
    const [version, keyId, iv, body, tag] = sealed.split('.');
    if (version !== VERSION || keyId !== this.keyId || !iv || !body || !tag) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      return null;
    }
  }
}
