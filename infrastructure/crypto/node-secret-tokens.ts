import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { SecretTokens } from '../../domain/tenancy/ports/secret-tokens.port';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export class NodeSecretTokens extends SecretTokens {
  random(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += BASE62[randomInt(BASE62.length)];
    return out;
  }

  /** SHA-256 is right here: the tokens carry ~190+ bits of entropy, so no slow hash is needed. */
  digest(token: string): string {
    return createHash('sha256').update(token, 'utf8').digest('hex');
  }

  matches(token: string, digest: string): boolean {
    const presented = Buffer.from(this.digest(token), 'hex');
    const stored = Buffer.from(digest, 'hex');
    return presented.length === stored.length && timingSafeEqual(presented, stored);
  }
}
