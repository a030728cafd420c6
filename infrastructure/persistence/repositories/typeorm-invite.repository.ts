import { type Invite } from '../../../domain/tenancy/invite.entity';
import { InviteRepository } from '../../../domain/tenancy/ports/invite-repository.port';
import { type Database, execute } from '../database';
import { InviteMapper } from '../mappers/invite.mapper';
import { InviteModel } from '../models/invite.model';

export class TypeormInviteRepository extends InviteRepository {
  constructor(private readonly db: Database) {
    super();
  }

  async create(invite: Invite): Promise<void> {
    await this.db.run({ tenantId: invite.tenantId }, (m) =>
      m.insert(InviteModel, InviteMapper.toPersistence(invite)),
    );
  }

  async markAccepted(invite: Invite): Promise<boolean> {
    return this.db.run({ tenantId: invite.tenantId }, async (m) => {
      const updated = await execute(
        m,
        'UPDATE invites SET accepted_at = $3 WHERE tenant_id = $1 AND id = $2 AND accepted_at IS NULL',
        [invite.tenantId, invite.id, invite.acceptedAt],
      );
      return updated === 1;
    });
  }

  async findByTokenHash(tokenHash: string): Promise<Invite | null> {
    const row = await this.db.run({ inviteTokenHash: tokenHash }, (m) =>
      m.findOneBy(InviteModel, { tokenHash }),
    );
    return row ? InviteMapper.toDomain(row) : null;
  }
}
