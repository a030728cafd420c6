/** High-entropy tokens (API keys, refresh tokens, invites): generated, digested, compared in constant time. */
export abstract class SecretTokens {
  /** A random string of `length` base62 characters. */
  abstract random(length: number): string;
  /** A one-way digest suitable for lookup and storage (the inputs are already high-entropy). */
  abstract digest(token: string): string;
  /** Compares a presented token to a stored digest in constant time. */
  abstract matches(token: string, digest: string): boolean;
}
