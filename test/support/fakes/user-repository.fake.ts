import { type Email } from '../../../domain/tenancy/email';
import { UserRepository } from '../../../domain/tenancy/ports/user-repository.port';
import { type User } from '../../../domain/tenancy/user.entity';
import { type Transactional, snapshotMap } from './transactional';

/** Users by id; emails are unique across the instance, compared case-insensitively like the schema. */
export class FakeUserRepository extends UserRepository implements Transactional {
  private readonly rows = new Map<string, User>();

  async create(user: User): Promise<boolean> {
    if (this.rows.has(user.id) || this.withEmail(user.email)) return false;
    this.rows.set(user.id, user);
    return true;
  }

  async update(user: User): Promise<void> {
    if (this.rows.has(user.id)) this.rows.set(user.id, user);
  }

  async findById(userId: string): Promise<User | null> {
    return this.rows.get(userId) ?? null;
  }

  async findByEmail(email: Email): Promise<User | null> {
    return this.withEmail(email);
  }

  /** Synchronous reads for other fakes and assertions; any string, any case. */
  withEmail(email: string): User | null {
    const wanted = email.toLowerCase();
    return [...this.rows.values()].find((user) => user.email.toLowerCase() === wanted) ?? null;
  }

  /** Synchronous read for other fakes and assertions. */
  get(userId: string): User | null {
    return this.rows.get(userId) ?? null;
  }

  all(): User[] {
    return [...this.rows.values()];
  }

  snapshot(): () => void {
    return snapshotMap(this.rows);
  }
}
