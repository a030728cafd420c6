import { canonicalJson } from '../shared/canonical-json';
import { type TenantId } from '../shared/tenant-id';

export interface AuditActor {
  readonly kind: 'user' | 'api_key' | 'system';
  readonly id: string | null;
}

/** What happened, before it is placed in a tenant's chain. */
export interface AuditRecord {
  readonly action: string;
  readonly actor: AuditActor;
  readonly target: { readonly type: string; readonly id: string | null };
  readonly data: Readonly<Record<string, unknown>>;
  readonly at: Date;
}

/** An entry of a tenant's append-only log; `hash` covers the entry and the previous entry's hash. */
export interface AuditEntry extends AuditRecord {
  readonly tenantId: TenantId;
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

/** The `prevHash` of a tenant's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The exact text that is hashed: every field that matters, in canonical JSON. */
export function chainText(entry: Omit<AuditEntry, 'hash'>): string {
  return canonicalJson({
    tenant_id: entry.tenantId,
    seq: entry.seq,
    at: entry.at.toISOString(),
    action: entry.action,
    actor: entry.actor,
    target: entry.target,
    data: entry.data,
    prev_hash: entry.prevHash,
  });
}

/** Places a record after `previous` (or first) in a tenant's chain. */
export function chain(
  tenantId: TenantId,
  record: AuditRecord,
  previous: { seq: number; hash: string } | null,
  sha256: (text: string) => string,
): AuditEntry {
  const unsealed = {
    ...record,
    tenantId,
    seq: (previous?.seq ?? 0) + 1,
    prevHash: previous?.hash ?? GENESIS_HASH,
  };
  return { ...unsealed, hash: sha256(chainText(unsealed)) };
}

export type ChainVerdict =
  | { readonly ok: true; readonly entries: number }
  | { readonly ok: false; readonly entries: number; readonly brokenAt: number; readonly reason: string };

/**
 * Recomputes a tenant's chain in `seq` order and reports the first broken link: an entry whose
 * content no longer matches its hash, whose `prevHash` is not its predecessor's hash, or a gap in
 * the sequence. `anchor` is the hash before the first entry given (GENESIS_HASH for a full chain).
 */
export function verifyChain(
  entries: readonly AuditEntry[],
  sha256: (text: string) => string,
  anchor: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): ChainVerdict {
  let previous = anchor;
  for (const entry of entries) {
    if (entry.seq !== previous.seq + 1) {
      return {
        ok: false,
        entries: entries.length,
        brokenAt: entry.seq,
        reason: `entry ${previous.seq + 1} is missing`,
      };
    }
    if (entry.prevHash !== previous.hash) {
      return {
        ok: false,
        entries: entries.length,
        brokenAt: entry.seq,
        reason: 'previous hash does not match',
      };
    }
    if (sha256(chainText(entry)) !== entry.hash) {
      return {
        ok: false,
        entries: entries.length,
        brokenAt: entry.seq,
        reason: 'content does not match its hash',
      };
    }
    previous = entry;
  }
  return { ok: true, entries: entries.length };
}
