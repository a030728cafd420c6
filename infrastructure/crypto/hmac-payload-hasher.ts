import { createHmac, randomBytes } from 'node:crypto';
import { PayloadHasher } from '../../domain/shared/ports/payload-hasher.port';
import { type TenantId } from '../../domain/shared/tenant-id';
import { type Database } from '../persistence/database';

/** Hex characters kept of each HMAC: 96 bits, plenty to tell values apart, short in payloads. */
const HASH_LENGTH = 24;

/**
 * HMAC-SHA256 keyed by a random salt per tenant (created on first use, stored in tenant_secrets,
 * never exposed). Salts never change, so they are cached for the life of the process.
 */
export class HmacPayloadHasher extends PayloadHasher {
  private readonly cache = new Map<string, Promise<string>>();

  constructor(private readonly db: Database) {
    super();
  }

  async forTenant(tenantId: TenantId): Promise<(value: string) => string> {
    const salt = await this.salt(tenantId);
    return (value) => createHmac('sha256', salt).update(value, 'utf8').digest('hex').slice(0, HASH_LENGTH);
  }

  private salt(tenantId: TenantId): Promise<string> {
    let salt = this.cache.get(tenantId);
    if (!salt) {
      salt = this.db.run({ tenantId }, async (m) => {
        await m.query(
          'INSERT INTO tenant_secrets (tenant_id, redaction_salt) VALUES ($1, $2) ON CONFLICT (tenant_id) DO NOTHING',
          [tenantId, randomBytes(32).toString('hex')],
        );
        const rows: { redaction_salt: string }[] = await m.query(
          'SELECT redaction_salt FROM tenant_secrets WHERE tenant_id = $1',
          [tenantId],
        );
        return rows[0]!.redaction_salt;
      });
      salt.catch(() => this.cache.delete(tenantId));
      this.cache.set(tenantId, salt);
    }
    return salt;
  }
}
