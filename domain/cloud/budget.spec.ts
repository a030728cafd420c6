import { asTenantId } from '../shared/tenant-id';
import {
  type Budget,
  type BudgetInput,
  budgetPeriodOf,
  crossedThresholds,
  forecastForPeriod,
  validateBudget,
} from './budget';

const AT = new Date('2026-03-15T12:00:00.000Z');
const input: BudgetInput = {
  tenantId: asTenantId('00000000-0000-7000-8000-000000000001'),
  id: 'b-1',
  name: ' Platform ',
  amountUsd: 1000,
  createdAt: AT,
};

function aBudget(overrides: Partial<BudgetInput> = {}): Budget {
  const result = validateBudget({ ...input, ...overrides });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const paths = (overrides: Partial<BudgetInput>) => {
  const result = validateBudget({ ...input, ...overrides });
  return result.ok ? [] : result.error.fields.map((f) => f.path);
};

describe('validateBudget', () => {
  it('defaults to a tenant-wide monthly budget alerting at 50, 80 and 100 %', () => {
    expect(aBudget()).toEqual({
      ...input,
      name: 'Platform',
      scope: { projectId: null, providerId: null },
      period: 'monthly',
      thresholds: [50, 80, 100],
    });
  });

  it('keeps the scope and sorts the thresholds', () => {
    const budget = aBudget({ scope: { projectId: 'p-1' }, thresholds: [120, 90, 1, 1000] });
    expect(budget.scope).toEqual({ projectId: 'p-1', providerId: null });
    expect(budget.thresholds).toEqual([1, 90, 120, 1000]);
  });

  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY])('rejects an amount of %p', (amountUsd) => {
    expect(paths({ amountUsd })).toEqual(['amountUsd']);
  });

  it('rejects thresholds out of 1..1000 and duplicates, each at its index', () => {
    expect(paths({ thresholds: [0.5, 80, 1001, 80] })).toEqual([
      'thresholds[0]',
      'thresholds[2]',
      'thresholds[3]',
    ]);
  });

  it('rejects an empty threshold list', () => {
    expect(paths({ thresholds: [] })).toEqual(['thresholds']);
  });

  it('reports every bad field at once', () => {
    expect(paths({ name: ' ', amountUsd: 0, thresholds: [0] })).toEqual([
      'name',
      'amountUsd',
      'thresholds[0]',
    ]);
  });
});

describe('crossedThresholds', () => {
  const budget = aBudget();
  const standing = (actualUsd: number, forecastUsd: number | null = null) => ({
    period: '2026-03',
    actualUsd,
    forecastUsd,
    at: AT,
  });
  const summary = (alerts: ReturnType<typeof crossedThresholds>) =>
    alerts.map((a) => [a.threshold, a.basis, a.amountUsd]);

  it('raises an actual alert for each threshold reached, inclusive', () => {
    const alerts = crossedThresholds(budget, standing(800), []);
    expect(summary(alerts)).toEqual([
      [50, 'actual', 800],
      [80, 'actual', 800],
    ]);
    expect(alerts[0]).toMatchObject({ budgetId: 'b-1', period: '2026-03', budgetUsd: 1000, at: AT });
  });

  it('raises nothing below the first threshold', () => {
    expect(crossedThresholds(budget, standing(499.99, 0), [])).toEqual([]);
  });

  it('projects spend to date plus the rest-of-month forecast for forecast alerts', () => {
    const alerts = crossedThresholds(budget, standing(600, 450), []);
    expect(summary(alerts)).toEqual([
      [50, 'actual', 600],
      [80, 'forecast', 1050],
      [100, 'forecast', 1050],
    ]);
  });

  it('does not raise a forecast alert for a threshold actual spend has crossed', () => {
    const alerts = crossedThresholds(budget, standing(900, 50), [
      { threshold: 80, basis: 'actual', period: '2026-03' },
    ]);
    expect(summary(alerts)).toEqual([[50, 'actual', 900]]);
  });

  it('raises each threshold, basis and period at most once', () => {
    const raised = [
      { threshold: 50, basis: 'actual' as const, period: '2026-03' },
      { threshold: 80, basis: 'forecast' as const, period: '2026-03' },
    ];
    expect(summary(crossedThresholds(budget, standing(600, 450), raised))).toEqual([[100, 'forecast', 1050]]);
  });

  it('raises the actual alert after the forecast alert of the same threshold', () => {
    const raised = [{ threshold: 80, basis: 'forecast' as const, period: '2026-03' }];
    expect(summary(crossedThresholds(budget, standing(850), raised))).toEqual([
      [50, 'actual', 850],
      [80, 'actual', 850],
    ]);
  });

  it('starts afresh in a new month', () => {
    const raised = [{ threshold: 50, basis: 'actual' as const, period: '2026-02' }];
    expect(summary(crossedThresholds(budget, standing(500), raised))).toEqual([[50, 'actual', 500]]);
  });

  it('ignores a negative forecast (refunds) rather than lowering the projection', () => {
    expect(summary(crossedThresholds(budget, standing(400, -300), []))).toEqual([]);
  });

  it('throws on a malformed period, which only a bug can produce', () => {
    expect(() => crossedThresholds(budget, { ...standing(1), period: '2026-3' }, [])).toThrow();
  });
});

describe('period helpers', () => {
  it('names the UTC month of a moment', () => {
    expect(budgetPeriodOf(new Date('2026-03-31T23:59:59.000Z'))).toBe('2026-03');
  });

  it('sums the forecast days that fall in the period', () => {
    const points = [
      { day: '2026-03-30', value: 10 },
      { day: '2026-03-31', value: 12 },
      { day: '2026-04-01', value: 99 },
    ];
    expect(forecastForPeriod(points, '2026-03')).toBe(22);
  });
});
