export abstract class CredentialHousekeeping {
  /**
   * Deletes refresh tokens that expired before `cutoff`, sessions revoked (or left without tokens)
   * before it, and invites expired or accepted before it. Returns how many rows went, or null when
   * another process was already purging.
   */
  abstract purgeExpired(cutoff: Date): Promise<number | null>;
}
