import { ok } from '../../../domain/shared/result';
import { anActionContext } from '../../../test/support/fakes/agents.fake';
import { costAnalyzeAction, costForecastAction } from './cost.actions';
import { MAX_FINDINGS, threatsReviewAction } from './threats-review.action';

describe('cost.analyze', () => {
  it('asks for spend with the params it knows and names the top groups', async () => {
    const execute = jest.fn(
      async () =>
        ok({
          total_usd: 30,
          groups: [
            { key: 'a', name: 'A', amount_usd: 10 },
            { key: 'b', name: 'B', amount_usd: 20 },
          ],
        }) as never,
    );
    const result = await costAnalyzeAction({ execute }).perform(
      anActionContext({ group_by: 'service', wave: 1 }),
    );
    expect(execute).toHaveBeenCalledWith(expect.anything(), { group_by: 'service', tag_key: 'team' });
    expect(result.ok && result.value.kind === 'done' && result.value.output.top).toEqual(['B', 'A']);
  });

  it('refuses an unknown grouping as a params field error', async () => {
    const result = await costAnalyzeAction({ execute: jest.fn() }).perform(
      anActionContext({ group_by: 'planet' }),
    );
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ fields: [expect.objectContaining({ path: 'params.group_by' })] }),
    });
  });
});

describe('cost.forecast', () => {
  it('keeps the totals and counts the daily points', async () => {
    const execute = jest.fn(async () => ok({ total: { value: 9 }, points: [{}, {}, {}] }) as never);
    const result = await costForecastAction({ execute }).perform(anActionContext({ days: 3 }));
    expect(execute).toHaveBeenCalledWith(expect.anything(), { days: 3, history_days: 120 });
    expect(result).toEqual({ ok: true, value: { kind: 'done', output: { total: { value: 9 }, points: 3 } } });
  });
});

describe('threats.review', () => {
  it('keeps the worst findings and the risk score', async () => {
    const items = Array.from({ length: MAX_FINDINGS + 5 }, (_, i) => ({
      id: `f${i}`,
      severity: 'high',
      rule_id: 'r',
    }));
    const summary = {
      tenant: { score: 80, counts: { critical: 0, high: 25, medium: 0, low: 0 } },
      providers: [],
    };
    const execute = jest.fn(async () => ok({ items, summary }) as never);
    const result = await threatsReviewAction({ execute }).perform(anActionContext({ min_severity: 'high' }));
    if (!result.ok || result.value.kind !== 'done') throw new Error('expected done');
    expect(result.value.output).toEqual(
      expect.objectContaining({ risk_score: 80, findings: MAX_FINDINGS + 5 }),
    );
    expect(result.value.output.top).toHaveLength(MAX_FINDINGS);
  });
});
