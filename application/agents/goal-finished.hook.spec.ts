import { type Workflow } from '../../domain/workflows/workflow';
import { FakeClock } from '../../test/support/fakes/clock.fake';
import {
  AGENTS_RUN,
  AGENTS_TENANT,
  FakeAppendSteps,
  FakeFinishRun,
  aDeveloper,
} from '../../test/support/fakes/agents.fake';
import { goalFinishedHook } from './goal-finished.hook';

const workflow = (overrides: Partial<Workflow> = {}): Workflow => ({
  tenantId: AGENTS_TENANT,
  id: 'wf-1',
  projectId: null,
  name: 'goal: run_wave',
  kind: 'goal',
  status: 'succeeded',
  input: {},
  maxConcurrency: 8,
  runId: AGENTS_RUN,
  startedBy: aDeveloper() as never,
  error: null,
  createdAt: new Date('2026-11-23T10:00:00.000Z'),
  finishedAt: new Date('2026-11-23T10:05:00.000Z'),
  ...overrides,
});

describe('goalFinishedHook', () => {
  it.each(['succeeded', 'failed', 'cancelled'] as const)(
    'finishes the run as %s with the workflow',
    async (status) => {
      const steps = new FakeAppendSteps();
      const finish = new FakeFinishRun();
      await goalFinishedHook(
        steps,
        finish,
        new FakeClock(),
      )(workflow({ status, error: status === 'failed' ? 'node x failed' : null }));
      expect(finish.calls).toEqual([
        { runId: AGENTS_RUN, input: { status, ended_at: '2026-11-23T10:05:00.000Z' } },
      ]);
      expect(steps.stepsOf()).toEqual([
        expect.objectContaining({ id: 'epa:outcome', kind: status === 'failed' ? 'error' : 'custom' }),
      ]);
    },
  );

  it('does nothing for a workflow that reports into no run', async () => {
    const finish = new FakeFinishRun();
    await goalFinishedHook(new FakeAppendSteps(), finish, new FakeClock())(workflow({ runId: null }));
    expect(finish.calls).toEqual([]);
  });
});
