import { CredentialHousekeeping } from '../../../domain/tenancy/ports/credential-housekeeping.port';
import { type Database } from '../database';

export class TypeormCredentialHousekeeping extends CredentialHousekeeping {
  constructor(private readonly db: Database) {
    super();
  }

  async purgeExpired(cutoff: Date): Promise<number | null> {
    const [row] = await this.db.run({}, (m) =>
      m.query('SELECT cockpit_purge_expired_credentials($1) AS purged', [cutoff]),
    );
    const purged = Number(row.purged);
    return purged < 0 ? null : purged;
  }
}
