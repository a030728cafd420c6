import { type AuditActor } from '../../domain/audit/audit-entry';
import { type TenantActor } from './actor';

/** Who an audit entry names for a change an actor made. */
export const auditActorOf = (actor: TenantActor): AuditActor =>
  actor.kind === 'user' ? { kind: 'user', id: actor.userId } : { kind: 'api_key', id: actor.apiKeyId };
