import { type Clock } from '../../domain/shared/ports/clock.port';
import { type CredentialHousekeeping } from '../../domain/tenancy/ports/credential-housekeeping.port';

/** Grace period: expired tokens, revoked sessions and used or expired invites are kept 30 days. */
const GRACE_MS = 30 * 24 * 3600 * 1000;

/** Background job: keeps authentication tables from growing without bound. */
export class PurgeExpiredCredentialsUseCase {
  constructor(
    private readonly housekeeping: CredentialHousekeeping,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<{ purged: number | null }> {
    const cutoff = new Date(this.clock.now().getTime() - GRACE_MS);
    return { purged: await this.housekeeping.purgeExpired(cutoff) };
  }
}
