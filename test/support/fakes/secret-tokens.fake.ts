import { createHash } from 'node:crypto';
import { SecretTokens } from '../../../domain/tenancy/ports/secret-tokens.port';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export const sha256 = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

/**
 * Deterministic "randomness": the n-th call returns base62 characters derived from sha256(n), so
 * values look random, never repeat in practice and are the same on every run. `willReturn` scripts
 * the next values (e.g. to force an API-key prefix collision). Digests are real sha256.
 */
export class FakeSecretTokens extends SecretTokens {
  private counter = 0;
  private readonly scripted: string[] = [];

  willReturn(...values: string[]): void {
    this.scripted.push(...values);
  }

  random(length: number): string {
    const scripted = this.scripted.shift();
    if (scripted !== undefined) {
      if (scripted.length !== length) throw new Error(`scripted value "${scripted}" is not ${length} long`);
      return scripted;
    }
    this.counter++;
    let out = '';
    for (let block = 0; out.length < length; block++) {
      const bytes = createHash('sha256').update(`fake-secret-${this.counter}-${block}`).digest();
      for (const byte of bytes) out += BASE62[byte % BASE62.length];
    }
    return out.slice(0, length);
  }

  digest(token: string): string {
    return sha256(token);
  }

  matches(token: string, digest: string): boolean {
    return this.digest(token) === digest;
  }
}
