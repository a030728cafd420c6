import { type Run } from '../../../domain/runs/run.entity';
import { ok } from '../../../domain/shared/result';
import { FakeClock } from '../../../test/support/fakes/clock.fake';
import { AGENTS_RUN, anActionContext } from '../../../test/support/fakes/agents.fake';
import { percentile, runsHealthAction, ttftOf } from './runs-health.action';

const aRun = (
  id: string,
  status: string,
  durationMs: number | null,
  models: string[] = [],
  errors = 0,
): Run =>
  ({ id, status, durationMs, stats: { stepCount: 10, errorCount: errors, models } }) as unknown as Run;

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('ttftOf', () => {
  it.each([
    [{ ttft_ms: 420 }, 420],
    [{ time_to_first_token_ms: 90 }, 90],
    [{ 'gen_ai.server.time_to_first_token': 0.25 }, 250],
    [{ ttft_ms: 'fast' }, null],
    [null, null],
  ])('reads %j as %s', (metadata, expected) => {
    expect(ttftOf({ kind: 'model', metadata })).toBe(expected);
  });

  it('ignores steps that are not model calls', () => {
    expect(ttftOf({ kind: 'tool', metadata: { ttft_ms: 5 } })).toBeNull();
  });
});

describe('runs.health', () => {
  it('reports latency, error rate and TTFT of finished runs, and flags what passes the thresholds', async () => {
    const runs = [
      aRun(AGENTS_RUN, 'running', null),
      aRun('r1', 'succeeded', 1000, ['gpt']),
      aRun('r2', 'failed', 3000, [], 2),
      aRun('r3', 'succeeded', 2000, ['gpt']),
    ];
    const listRuns = { execute: jest.fn(async () => ok({ items: runs, nextCursor: null }) as never) };
    const ttfts: Record<string, number[]> = { r1: [300, 900], r3: [1200] };
    const listSteps = {
      execute: jest.fn(
        async (_a: unknown, runId: string) =>
          ok({
            view: 'flat',
            nextCursor: null,
            items: (ttfts[runId] ?? []).map((t) => ({ kind: 'model', metadata: { ttft_ms: t } })),
          }) as never,
      ),
    };
    const action = runsHealthAction(listRuns, listSteps, new FakeClock());
    const result = await action.perform(anActionContext({ window_hours: 6 }));
    if (!result.ok || result.value.kind !== 'done') throw new Error('expected done');
    const out = result.value.output;
    expect(out.runs).toEqual({ finished: 3, failed: 1, running: 1 });
    expect(out.latency).toEqual({ p50_ms: 2000, p95_ms: 3000 });
    expect(out.error_rate).toBeCloseTo(1 / 3);
    expect(out.step_error_rate).toBeCloseTo(2 / 30);
    expect(out.ttft).toEqual({ p50_ms: 900, p95_ms: 1200, samples: 3 });
    expect(out.status).toBe('degraded');
    expect(out.findings).toHaveLength(2);
    expect(listSteps.execute).toHaveBeenCalledTimes(2);
    expect(listRuns.execute).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ from: '2026-11-23T04:00:00.000Z' }),
    );
  });

  it('says there is no data when no run finished in the window', async () => {
    const listRuns = { execute: async () => ok({ items: [], nextCursor: null }) as never };
    const action = runsHealthAction(listRuns, { execute: jest.fn() }, new FakeClock());
    const result = await action.perform(anActionContext({}));
    expect(result.ok && result.value.kind === 'done' && result.value.output.status).toBe('no_data');
  });
});
