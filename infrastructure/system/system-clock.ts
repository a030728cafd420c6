import { Clock } from '../../domain/shared/ports/clock.port';

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
