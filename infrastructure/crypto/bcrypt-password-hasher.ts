import bcrypt from 'bcrypt';
import { PasswordHasher } from '../../domain/tenancy/ports/password-hasher.port';

export const MIN_BCRYPT_COST = 12;

export class BcryptPasswordHasher extends PasswordHasher {
  private dummy: Promise<string> | null = null;

  constructor(private readonly cost: number = MIN_BCRYPT_COST) {
    super();
    if (cost < MIN_BCRYPT_COST) throw new Error(`bcrypt cost must be at least ${MIN_BCRYPT_COST}`);
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.cost);
  }

  verify(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(password, hash);
  }

  async verifyAgainstDummy(password: string): Promise<false> {
    this.dummy ??= bcrypt.hash('cockpit-timing-equaliser', this.cost);
    await bcrypt.compare(password, await this.dummy);
    return false;
  }
}
