import { type DecisionClaims, checkBinding } from './decision-token';

const NOW = new Date('2026-11-23T10:00:00Z');
const claims: DecisionClaims = {
  id: 't1',
  tenantId: 'tenant-a',
  projectId: 'p',
  runId: '0190AAAA-0000-7000-8000-000000000001',
  stepId: 'g1',
  approvalId: 'a1',
  payloadHash: 'h'.repeat(64),
  decision: 'approved',
  policyVersion: 1,
  policyVersionId: 'v1',
  breakGlass: false,
  issuedAt: new Date(NOW.getTime() - 60_000),
  expiresAt: new Date(NOW.getTime() + 60_000),
};
const executed = { tenantId: 'tenant-a', runId: claims.runId.toLowerCase(), payloadHash: claims.payloadHash };

describe('checkBinding', () => {
  it('accepts the exact call of the same tenant and run before expiry (run ids compare case-insensitively)', () => {
    expect(checkBinding(claims, executed, NOW)).toBeNull();
  });
  it('rejects an expired token, at the expiry instant too', () => {
    expect(checkBinding(claims, executed, claims.expiresAt)).toBe('expired');
  });
  it('rejects another tenant, another run and another call', () => {
    expect(checkBinding(claims, { ...executed, tenantId: 'tenant-b' }, NOW)).toBe('wrong_tenant');
    expect(checkBinding(claims, { ...executed, runId: 'other' }, NOW)).toBe('wrong_run');
    expect(checkBinding(claims, { ...executed, payloadHash: 'x'.repeat(64) }, NOW)).toBe('payload_mismatch');
  });
});
