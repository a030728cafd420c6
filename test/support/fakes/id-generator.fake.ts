import { IdGenerator } from '../../../domain/shared/ports/id-generator.port';

/**
 * Sequential, valid (version 7, RFC 9562 variant) UUIDs: `00000000-0000-7000-8000-000000000001`,
 * then `...002`. Their string order is their creation order, as with UUID v7 in production.
 */
export class FakeIdGenerator extends IdGenerator {
  private counter = 0;
  readonly issued: string[] = [];

  next(): string {
    this.counter++;
    const id = `00000000-0000-7000-8000-${this.counter.toString(16).padStart(12, '0')}`;
    this.issued.push(id);
    return id;
  }
}
