import { ok } from '../../../domain/shared/result';
import { anActionContext } from '../../../test/support/fakes/agents.fake';
import { type ApprovalView } from '../../governance/approval.view';
import { cloudLifecycleAction } from './cloud-lifecycle.action';

const RESOURCE = '00000000-0000-7000-8000-0000000000d1';
const approvalRequired = {
  status: 'approval_required',
  approval_id: 'ap-1',
  run_id: '00000000-0000-7000-8000-0000000000e1',
  step_id: 'cloud-stop-x',
  tool: 'cloud.stop',
  payload_hash: 'h',
  expires_at: '2026-11-23T11:00:00.000Z',
  reasons: ['production needs approval'],
};

function setup(lifecycleAnswers: unknown[], approval?: Partial<ApprovalView>) {
  const lifecycleCalls: unknown[][] = [];
  const lifecycle = {
    execute: jest.fn(async (...args: unknown[]) => {
      lifecycleCalls.push(args);
      return ok(lifecycleAnswers.shift()) as never;
    }),
  };
  const approvals = { execute: jest.fn(async () => ok({ status: 'pending', ...approval }) as never) };
  return { action: cloudLifecycleAction(lifecycle, approvals, 2000), lifecycleCalls, approvals };
}

describe('cloud.lifecycle', () => {
  it('acts at once when the policy allows', async () => {
    const { action, lifecycleCalls } = setup([{ id: RESOURCE, state: 'stopped' }]);
    const result = await action.perform(anActionContext({ resource_id: RESOURCE, action: 'stop' }));
    expect(result).toEqual({
      ok: true,
      value: { kind: 'done', output: { resource: { id: RESOURCE, state: 'stopped' } } },
    });
    expect(lifecycleCalls[0]?.slice(1)).toEqual([
      RESOURCE,
      'stop',
      { reason: undefined, project_id: expect.any(String) },
    ]);
  });

  it('waits on the approval the gate asked for, recording the request', async () => {
    const { action } = setup([approvalRequired]);
    const ctx = anActionContext({ resource_id: RESOURCE, action: 'stop' });
    const result = await action.perform(ctx);
    expect(result).toEqual({
      ok: true,
      value: {
        kind: 'wait',
        reason: 'approval_pending',
        retryAfterMs: 2000,
        state: { approval_id: 'ap-1', run_id: approvalRequired.run_id },
      },
    });
    expect(ctx.recorded).toEqual([
      expect.objectContaining({ id: 'approval', kind: 'approval', tool: 'cloud.stop' }),
    ]);
  });

  it('keeps waiting while the approval is pending', async () => {
    const { action, lifecycleCalls } = setup([]);
    const state = { approval_id: 'ap-1', run_id: approvalRequired.run_id };
    const result = await action.perform(
      anActionContext({ resource_id: RESOURCE, action: 'stop' }, { state }),
    );
    expect(result.ok && result.value.kind).toBe('wait');
    expect(lifecycleCalls).toEqual([]);
  });

  it('acts with the decision token once approved', async () => {
    const { action, lifecycleCalls } = setup([{ id: RESOURCE, state: 'stopped' }], {
      status: 'approved',
      decision_token: 'tok-123',
    });
    const state = { approval_id: 'ap-1', run_id: approvalRequired.run_id };
    const result = await action.perform(
      anActionContext({ resource_id: RESOURCE, action: 'stop' }, { state }),
    );
    expect(result.ok && result.value.kind).toBe('done');
    expect(lifecycleCalls[0]?.[3]).toEqual(
      expect.objectContaining({ decision_token: 'tok-123', run_id: approvalRequired.run_id }),
    );
  });

  it.each(['denied', 'expired'])('fails for good when the approval was %s', async (status) => {
    const { action, lifecycleCalls } = setup([], { status: status as never });
    const state = { approval_id: 'ap-1', run_id: approvalRequired.run_id };
    const result = await action.perform(
      anActionContext({ resource_id: RESOURCE, action: 'terminate' }, { state }),
    );
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'forbidden', reason: `approval_${status}` }),
    });
    expect(lifecycleCalls).toEqual([]);
  });

  it('refuses params that name no resource or lifecycle action', async () => {
    const { action } = setup([]);
    const result = await action.perform(anActionContext({ action: 'reboot' }));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.fields.map((f) => f.path).sort()).toEqual(['params.action', 'params.resource_id']);
  });
});
