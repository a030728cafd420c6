import { type Email } from '../../../domain/tenancy/email';
import { User, type UserStatus } from '../../../domain/tenancy/user.entity';
import { UserModel } from '../models/user.model';

export const UserMapper = {
  toDomain(row: UserModel): User {
    return User.restore({
      id: row.id,
      email: row.email as Email,
      passwordHash: row.passwordHash,
      displayName: row.displayName,
      isOperator: row.isOperator,
      status: row.status as UserStatus,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    });
  },
  toPersistence(user: User): UserModel {
    return Object.assign(new UserModel(), {
      id: user.id,
      email: user.email,
      passwordHash: user.passwordHash,
      displayName: user.displayName,
      isOperator: user.isOperator,
      status: user.status,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
    });
  },
};
