import { Clock } from '../../../domain/shared/ports/clock.port';

/** Same instant as the test-data builders, so built and use-case-made entities share a timeline. */
export const FAKE_NOW = new Date('2026-11-23T10:00:00.000Z');

/** Time stands still until a test moves it. */
export class FakeClock extends Clock {
  private current: number;

  constructor(start: Date = FAKE_NOW) {
    super();
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date): void {
    this.current = at.getTime();
  }

  advance(by: { ms?: number; seconds?: number; minutes?: number; days?: number }): Date {
    this.current +=
      (by.ms ?? 0) + (by.seconds ?? 0) * 1000 + (by.minutes ?? 0) * 60_000 + (by.days ?? 0) * 86_400_000;
    return this.now();
  }
}
