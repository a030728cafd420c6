import { type Approval, currentStatus, decide } from './approval.entity';

const NOW = new Date('2026-11-23T10:00:00Z');
const pending: Approval = {
  tenantId: 't' as Approval['tenantId'],
  id: 'a1',
  projectId: 'p',
  runId: 'r',
  stepId: 's',
  tool: 'issue_refund',
  payload: {},
  redactions: [],
  payloadHash: 'h',
  risk: 'high',
  summary: 'refund',
  status: 'pending',
  requestedBy: { kind: 'user', id: 'requester' },
  policyVersionId: null,
  createdAt: new Date(NOW.getTime() - 1000),
  expiresAt: new Date(NOW.getTime() + 1000),
  decidedAt: null,
  decidedBy: null,
  reason: null,
  decisionTokenId: null,
};
const approver = { kind: 'user' as const, id: 'approver' };

describe('approvals', () => {
  it('approves a pending request, recording who and when', () => {
    const result = decide(pending, 'approved', approver, null, NOW);
    expect(result.ok && result.value).toMatchObject({
      status: 'approved',
      decidedBy: approver,
      decidedAt: NOW,
    });
  });
  it('never lets the requester decide their own request', () => {
    const result = decide(pending, 'approved', { kind: 'user', id: 'requester' }, null, NOW);
    expect(!result.ok && result.error.reason).toBe('self_approval');
  });
  it('needs a reason to deny', () => {
    expect(decide(pending, 'denied', approver, '  ', NOW).ok).toBe(false);
    expect(decide(pending, 'denied', approver, 'no', NOW).ok).toBe(true);
  });
  it('treats a pending request past its expiry as expired, and refuses to decide it', () => {
    expect(currentStatus(pending, pending.expiresAt)).toBe('expired');
    const result = decide(pending, 'approved', approver, null, pending.expiresAt);
    expect(!result.ok && result.error.reason).toBe('approval_expired');
  });
  it('keeps decided requests final', () => {
    const result = decide({ ...pending, status: 'denied' }, 'approved', approver, null, NOW);
    expect(!result.ok && result.error.reason).toBe('approval_decided');
  });
});
