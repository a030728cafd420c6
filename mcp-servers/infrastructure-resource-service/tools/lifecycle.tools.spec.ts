import { type ApprovalRequired, type ResourceView } from '../../../application/cloud/cloud.view';
import { type ResourceLifecycleUseCase } from '../../../application/cloud/manage-resources.use-case';
import { type Actor } from '../../../application/shared/actor';
import { asTenantId } from '../../../domain/shared/tenant-id';
import { ok } from '../../../domain/shared/result';
import { lifecycleTool } from './lifecycle.tools';

const RESOURCE_ID = '0192e0a4-1c2b-7d3e-8f40-5a6b7c8d9e0f';
const actor: Actor = {
  kind: 'api_key',
  apiKeyId: 'key-1',
  tenantId: asTenantId('0192e0a4-0000-7000-8000-000000000001'),
  projectId: '0192e0a4-0000-7000-8000-000000000002',
  role: 'developer',
};

const approval: ApprovalRequired = {
  status: 'approval_required',
  approval_id: '0192e0a4-0000-7000-8000-0000000000aa',
  run_id: '0192e0a4-0000-7000-8000-0000000000bb',
  step_id: `cloud-terminate-${RESOURCE_ID}`,
  tool: 'cloud.terminate',
  payload_hash: 'sha256:abc',
  expires_at: '2030-01-01T00:00:00.000Z',
  reasons: ['production resources need an approval'],
};

const terminated: ResourceView = {
  id: RESOURCE_ID,
  provider_id: '0192e0a4-0000-7000-8000-0000000000cc',
  provider: 'simulated',
  external_id: 'sim-vm-0001',
  name: 'web-1',
  region: 'sim-east-1',
  type: 'vm',
  size: 'gp.small',
  state: 'terminated',
  provider_state: 'shutting-down',
  tags: {},
  cost_per_hour: 0.02,
  config: {},
  created_at: '2030-01-01T00:00:00.000Z',
  updated_at: '2030-01-01T00:00:00.000Z',
  synced_at: null,
};

function toolAnswering(answer: ResourceView | ApprovalRequired) {
  const calls: unknown[][] = [];
  const useCase = {
    execute: async (...args: unknown[]) => {
      calls.push(args);
      return ok(answer);
    },
  } as unknown as ResourceLifecycleUseCase;
  return { tool: lifecycleTool(useCase, 'terminate'), calls };
}

describe('lifecycle tools', () => {
  it('passes the resource id apart from the gate input, with the action', async () => {
    const { tool, calls } = toolAnswering(terminated);
    const input = tool.input.parse({
      resource_id: RESOURCE_ID,
      run_id: approval.run_id,
      decision_token: 'x'.repeat(40),
    });
    await tool.run(actor, input);
    expect(calls).toEqual([
      [actor, RESOURCE_ID, 'terminate', { run_id: approval.run_id, decision_token: 'x'.repeat(40) }],
    ]);
  });

  it('answers an approval request as status approval_required that matches the output schema', async () => {
    const { tool } = toolAnswering(approval);
    const answer = await tool.run(actor, tool.input.parse({ resource_id: RESOURCE_ID }));
    expect(answer.ok && tool.output.parse(answer.value)).toEqual({
      status: 'approval_required',
      resource: null,
      approval,
    });
  });

  it('answers a completed action as status done with the new resource state', async () => {
    const { tool } = toolAnswering(terminated);
    const answer = await tool.run(actor, tool.input.parse({ resource_id: RESOURCE_ID }));
    expect(answer.ok && tool.output.parse(answer.value)).toMatchObject({
      status: 'done',
      approval: null,
      resource: { id: RESOURCE_ID, state: 'terminated' },
    });
  });

  it('rejects arguments the gate does not know and ids that are not UUIDs', () => {
    const { tool } = toolAnswering(terminated);
    expect(tool.input.safeParse({ resource_id: RESOURCE_ID, force: true }).success).toBe(false);
    expect(tool.input.safeParse({ resource_id: 'i-123' }).success).toBe(false);
  });

  it('marks terminate as destructive and tells the agent what to do with an approval', () => {
    const { tool } = toolAnswering(terminated);
    expect(tool.hints).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(tool.description).toMatch(/decision_token/);
    expect(tool.description).toMatch(/run_id/);
  });
});
