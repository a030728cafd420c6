import { DomainError } from '../shared/domain-error';
import { MAX_RETRY_DELAY_MS, isTransient, retryDelayMs } from './retry-policy';

describe('retry policy', () => {
  it('doubles the delay on each attempt, between half and all of it depending on jitter', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, 1000, 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, 1000, 0.999))).toEqual([
      1000, 1999, 3998, 7996,
    ]);
  });

  it('never waits longer than the cap, however many attempts', () => {
    expect(retryDelayMs(40, 1000, 0.999)).toBeLessThanOrEqual(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(40, 1000, 0)).toBe(MAX_RETRY_DELAY_MS / 2);
  });

  it('retries only failures of something the node depends on', () => {
    expect(isTransient(DomainError.unavailable('down'))).toBe(true);
    expect(isTransient(DomainError.upstream('502'))).toBe(true);
    expect(isTransient(DomainError.validation('bad'))).toBe(false);
    expect(isTransient(DomainError.forbidden('no'))).toBe(false);
  });
});
