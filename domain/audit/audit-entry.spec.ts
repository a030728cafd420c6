import { sha256 } from '../../test/support/fakes';
import { asTenantId } from '../shared/tenant-id';
import { type AuditEntry, type AuditRecord, GENESIS_HASH, chain, verifyChain } from './audit-entry';

const tenant = asTenantId('00000000-0000-4000-8000-000000000001');
const record = (action: string): AuditRecord => ({
  action,
  actor: { kind: 'user', id: 'u1' },
  target: { type: 'run', id: 'r1' },
  data: { reason: action },
  at: new Date('2026-11-23T10:00:00Z'),
});

function buildChain(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < n; i++) entries.push(chain(tenant, record(`a${i}`), entries[i - 1] ?? null, sha256));
  return entries;
}

describe('audit chain', () => {
  it('links each entry to the previous one, starting from the genesis hash', () => {
    const [first, second] = buildChain(2);
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    expect(second).toMatchObject({ seq: 2, prevHash: first?.hash });
  });

  it('verifies an intact chain', () => {
    expect(verifyChain(buildChain(5), sha256)).toEqual({ ok: true, entries: 5 });
  });

  it('finds an edited entry', () => {
    const entries = buildChain(5);
    entries[2] = { ...(entries[2] as AuditEntry), data: { reason: 'edited' } };
    expect(verifyChain(entries, sha256)).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: 'content does not match its hash',
    });
  });

  it('finds a removed entry', () => {
    const entries = buildChain(5);
    entries.splice(1, 1);
    expect(verifyChain(entries, sha256)).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: 'entry 2 is missing',
    });
  });

  it('finds an entry re-hashed after editing (its successor no longer links to it)', () => {
    const entries = buildChain(4);
    const edited = { ...(entries[1] as AuditEntry), data: { reason: 'forged' } };
    entries[1] = chain(tenant, edited, entries[0] as AuditEntry, sha256);
    expect(verifyChain(entries, sha256)).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: 'previous hash does not match',
    });
  });

  it('verifies a tail from an anchor', () => {
    const entries = buildChain(6);
    const anchor = entries[2] as AuditEntry;
    expect(verifyChain(entries.slice(3), sha256, anchor)).toEqual({ ok: true, entries: 3 });
  });
});
