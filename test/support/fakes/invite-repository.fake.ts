import { type Invite } from '../../../domain/tenancy/invite.entity';
import { InviteRepository } from '../../../domain/tenancy/ports/invite-repository.port';
import { type Transactional, snapshotMap } from './transactional';

/** Invites by id; `markAccepted` succeeds once per invite, whoever calls it first. */
export class FakeInviteRepository extends InviteRepository implements Transactional {
  private readonly rows = new Map<string, Invite>();

  async create(invite: Invite): Promise<void> {
    if (this.rows.has(invite.id) || this.byHash(invite.tokenHash)) {
      throw new Error(`duplicate invite ${invite.id}`);
    }
    this.rows.set(invite.id, invite);
  }

  async markAccepted(invite: Invite): Promise<boolean> {
    const stored = this.rows.get(invite.id);
    if (!stored || stored.acceptedAt !== null) return false;
    this.rows.set(invite.id, invite);
    return true;
  }

  async findByTokenHash(tokenHash: string): Promise<Invite | null> {
    return this.byHash(tokenHash);
  }

  /** CredentialHousekeeping's share: invites expired or accepted before `cutoff`. */
  purgeBefore(cutoff: Date): number {
    let purged = 0;
    for (const invite of [...this.rows.values()]) {
      const stale = invite.expiresAt < cutoff || (invite.acceptedAt !== null && invite.acceptedAt < cutoff);
      if (stale && this.rows.delete(invite.id)) purged++;
    }
    return purged;
  }

  all(): Invite[] {
    return [...this.rows.values()];
  }

  snapshot(): () => void {
    return snapshotMap(this.rows);
  }

  private byHash(tokenHash: string): Invite | null {
    return [...this.rows.values()].find((invite) => invite.tokenHash === tokenHash) ?? null;
  }
}
