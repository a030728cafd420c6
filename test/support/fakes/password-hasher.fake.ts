import { PasswordHasher } from '../../../domain/tenancy/ports/password-hasher.port';

/** Fast and transparent: `hashed:<password>`. Counts verifications so timing equalisation can be asserted. */
export class FakePasswordHasher extends PasswordHasher {
  verifications = 0;
  dummyVerifications = 0;

  static hashOf(password: string): string {
    return `hashed:${password}`;
  }

  async hash(password: string): Promise<string> {
    return FakePasswordHasher.hashOf(password);
  }

  async verify(password: string, hash: string): Promise<boolean> {
    this.verifications++;
    return hash === FakePasswordHasher.hashOf(password);
  }

  async verifyAgainstDummy(_password: string): Promise<false> {
    this.dummyVerifications++;
    return false;
  }
}
