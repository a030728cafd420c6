import { CredentialHousekeeping } from '../../../domain/tenancy/ports/credential-housekeeping.port';
import { type FakeInviteRepository } from './invite-repository.fake';
import { type FakeSessionRepository } from './session-repository.fake';

/**
 * Purges the session and invite fakes with the rules of the SQL function. `busy` stands for another
 * replica holding the purge lock (the port then answers null). Every cutoff asked for is recorded.
 */
export class FakeCredentialHousekeeping extends CredentialHousekeeping {
  busy = false;
  readonly cutoffs: Date[] = [];

  constructor(
    private readonly sessions: FakeSessionRepository,
    private readonly invites: FakeInviteRepository,
  ) {
    super();
  }

  async purgeExpired(cutoff: Date): Promise<number | null> {
    this.cutoffs.push(cutoff);
    if (this.busy) return null;
    return this.sessions.purgeBefore(cutoff) + this.invites.purgeBefore(cutoff);
  }
}
