import { type Result } from '../../shared/result';

export interface SealedCredentials {
  /** Which encryption key sealed them, so a rotated key can still open old rows. */
  readonly keyId: string;
  readonly ciphertext: string;
}

/**
 * Encryption at rest of provider credentials (AES-256-GCM). Without a key outside development,
 * `seal` refuses with `unavailable` / `encryption_key_missing`: credentials are never stored in clear.
 */
export abstract class CredentialCipher {
  abstract seal(values: Readonly<Record<string, string>>): Result<SealedCredentials>;
  /** Fails with `unavailable` / `encryption_key_unknown` when the sealing key is not configured. */
  abstract open(sealed: SealedCredentials): Result<Readonly<Record<string, string>>>;
  /** The key new seals use; rows under another key are re-sealed on their next use. */
  abstract readonly currentKeyId: string | null;
}
