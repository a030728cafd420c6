export abstract class IdGenerator {
  /** A new, time-ordered unique id (UUID v7 in production). */
  abstract next(): string;
}
