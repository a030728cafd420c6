import { z } from 'zod';
import { GENESIS_HASH, verifyChain } from '../../domain/audit/audit-entry';
import { type AuditLog } from '../../domain/audit/ports/audit-log.port';
import { type Digest } from '../../domain/shared/ports/digest.port';
import { type Result, ok } from '../../domain/shared/result';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { type AuditEntryView, toAuditEntryView } from './audit.view';

export const ListAuditInput = z.strictObject({
  action: z.string().max(200).optional().describe('Exact action, or a prefix ending in * (e.g. approval.*)'),
  target_type: z.string().max(100).optional(),
  target_id: z.string().max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  before_seq: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .describe('Cursor: the next_before_seq of the previous page'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListAuditInput = z.infer<typeof ListAuditInput>;

/** The tenant's audit log, newest first (Admin). */
export class ListAuditUseCase {
  constructor(private readonly audit: AuditLog) {}

  async execute(
    actor: Actor,
    input: ListAuditInput,
  ): Promise<Result<{ items: AuditEntryView[]; next_before_seq: number | null }>> {
    const admin = authorizeTenant(actor, 'admin');
    if (!admin.ok) return admin;
    const rows = await this.audit.search(admin.value.tenantId, {
      action: input.action,
      targetType: input.target_type,
      targetId: input.target_id,
      from: input.from ? new Date(input.from) : undefined,
      to: input.to ? new Date(input.to) : undefined,
      beforeSeq: input.before_seq,
      limit: input.limit + 1,
    });
    const items = rows.slice(0, input.limit);
    return ok({
      items: items.map(toAuditEntryView),
      next_before_seq: rows.length > input.limit ? (items[items.length - 1]?.seq ?? null) : null,
    });
  }
}

export interface AuditVerification {
  ok: boolean;
  entries_checked: number;
  head: { seq: number; hash: string } | null;
  first_broken: { seq: number; reason: string } | null;
}

const PAGE = 1000;

/**
 * Recomputes the tenant's whole chain, page by page, and reports the first broken link: an entry
 * whose content no longer matches its hash, that does not point at its predecessor, or a gap.
 */
export class VerifyAuditLogUseCase {
  constructor(
    private readonly audit: AuditLog,
    private readonly digest: Digest,
  ) {}

  async execute(actor: Actor): Promise<Result<AuditVerification>> {
    const admin = authorizeTenant(actor, 'admin');
    if (!admin.ok) return admin;
    const sha256 = (text: string) => this.digest.sha256(text);
    let anchor = { seq: 0, hash: GENESIS_HASH };
    let checked = 0;
    for (;;) {
      const entries = await this.audit.list(admin.value.tenantId, { afterSeq: anchor.seq, limit: PAGE });
      if (entries.length === 0) break;
      const verdict = verifyChain(entries, sha256, anchor);
      if (!verdict.ok) {
        const broken = entries.findIndex((e) => e.seq === verdict.brokenAt);
        return ok({
          ok: false,
          entries_checked: checked + Math.max(broken, 0),
          head: null,
          first_broken: { seq: verdict.brokenAt, reason: verdict.reason },
        });
      }
      checked += entries.length;
      const last = entries[entries.length - 1]!;
      anchor = { seq: last.seq, hash: last.hash };
      if (entries.length < PAGE) break;
    }
    return ok({ ok: true, entries_checked: checked, head: checked ? anchor : null, first_broken: null });
  }
}
