import { type Email } from '../../../domain/tenancy/email';
import { UserRepository } from '../../../domain/tenancy/ports/user-repository.port';
import { type User } from '../../../domain/tenancy/user.entity';
import { type Database } from '../database';
import { UserMapper } from '../mappers/user.mapper';
import { UserModel } from '../models/user.model';
import { insertIfAbsent } from '../sql';

export class TypeormUserRepository extends UserRepository {
  constructor(private readonly db: Database) {
    super();
  }

  async create(user: User): Promise<boolean> {
    return this.db.run({ userId: user.id }, (m) =>
      insertIfAbsent(m, UserModel, UserMapper.toPersistence(user)),
    );
  }

  async update(user: User): Promise<void> {
    await this.db.run({ userId: user.id }, (m) =>
      m.update(UserModel, { id: user.id }, UserMapper.toPersistence(user)),
    );
  }

  async findById(userId: string): Promise<User | null> {
    const row = await this.db.run({ userId }, (m) => m.findOneBy(UserModel, { id: userId }));
    return row ? UserMapper.toDomain(row) : null;
  }

  async findByEmail(email: Email): Promise<User | null> {
    const row = await this.db.run({ userEmail: email }, (m) => m.findOneBy(UserModel, { email }));
    return row ? UserMapper.toDomain(row) : null;
  }
}
