import { type Email } from '../email';
import { type User } from '../user.entity';

export abstract class UserRepository {
  /** False when the email is already taken (nothing is written). */
  abstract create(user: User): Promise<boolean>;
  abstract update(user: User): Promise<void>;
  abstract findById(userId: string): Promise<User | null>;
  abstract findByEmail(email: Email): Promise<User | null>;
}
