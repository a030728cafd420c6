import { z } from 'zod';
import { type AuditEntry } from '../../domain/audit/audit-entry';

export const AuditEntryView = z.object({
  seq: z.number().int(),
  at: z.string(),
  action: z.string(),
  actor: z.object({ kind: z.string(), id: z.string().nullable() }),
  target: z.object({ type: z.string(), id: z.string().nullable() }),
  data: z.record(z.string(), z.unknown()),
  prev_hash: z.string(),
  hash: z.string(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const toAuditEntryView = (e: AuditEntry): AuditEntryView => ({
  seq: e.seq,
  at: e.at.toISOString(),
  action: e.action,
  actor: e.actor,
  target: e.target,
  data: { ...e.data },
  prev_hash: e.prevHash,
  hash: e.hash,
});

export const AuditVerificationView = z.object({
  ok: z.boolean(),
  entries_checked: z.number().int(),
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  first_broken: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
});
