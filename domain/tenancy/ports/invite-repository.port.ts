import { type Invite } from '../invite.entity';

export abstract class InviteRepository {
  abstract create(invite: Invite): Promise<void>;
  /** Stores the acceptance; false when the invite was already accepted (by a concurrent request). */
  abstract markAccepted(invite: Invite): Promise<boolean>;
  /** Lookup by the digest of the presented token, before any tenant is known. */
  abstract findByTokenHash(tokenHash: string): Promise<Invite | null>;
}
