import { addDays, dayNumber, toContiguous } from './daily-series';

describe('daily series', () => {
  it('recognises real calendar days only', () => {
    expect(dayNumber('2026-02-28')).not.toBeNull();
    expect(dayNumber('2028-02-29')).not.toBeNull();
    expect(dayNumber('2026-02-29')).toBeNull();
    expect(dayNumber('2026-13-01')).toBeNull();
    expect(dayNumber('2026-1-01')).toBeNull();
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('orders the days and sums the values given for one day', () => {
    const series = toContiguous([
      { day: '2026-01-02', value: 5 },
      { day: '2026-01-01', value: 1 },
      { day: '2026-01-02', value: 2 },
    ]);
    expect(series).toEqual({ ok: true, value: { firstDay: '2026-01-01', values: [1, 7] } });
  });

  it('interpolates missing days linearly by default', () => {
    const series = toContiguous([
      { day: '2026-01-01', value: 10 },
      { day: '2026-01-04', value: 40 },
    ]);
    expect(series.ok && series.value?.values).toEqual([10, 20, 30, 40]);
  });

  it('fills missing days with zero when asked to', () => {
    const series = toContiguous(
      [
        { day: '2026-01-01', value: 10 },
        { day: '2026-01-04', value: 40 },
      ],
      'zero',
    );
    expect(series.ok && series.value?.values).toEqual([10, 0, 0, 40]);
  });

  it('returns null for an empty series', () => {
    expect(toContiguous([])).toEqual({ ok: true, value: null });
  });

  it('rejects a malformed day with the index in the path', () => {
    const series = toContiguous([
      { day: '2026-01-01', value: 1 },
      { day: '01/02/2026', value: 1 },
    ]);
    expect(!series.ok && series.error.fields[0].path).toBe('series[1].day');
  });

  it('rejects a value that is not finite', () => {
    const series = toContiguous([{ day: '2026-01-01', value: Number.NaN }]);
    expect(!series.ok && series.error.fields[0].path).toBe('series[0].value');
  });

  it('rejects a series spanning more than ten years', () => {
    const series = toContiguous([
      { day: '2010-01-01', value: 1 },
      { day: '2026-01-01', value: 1 },
    ]);
    expect(!series.ok && series.error.code).toBe('validation');
  });
});
