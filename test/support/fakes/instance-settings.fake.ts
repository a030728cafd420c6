import { InstanceSettings } from '../../../domain/tenancy/ports/instance-settings.port';
import { type Transactional, snapshotMap } from './transactional';

/** The bootstrap claim takes part in rollback: the real claim commits together with the seeding. */
export class FakeInstanceSettings extends InstanceSettings implements Transactional {
  private claimed = false;
  private readonly secrets = new Map<string, string>();

  async claimBootstrap(): Promise<boolean> {
    if (this.claimed) return false;
    this.claimed = true;
    return true;
  }

  async getOrCreateSecret(name: string, generate: () => string): Promise<string> {
    const existing = this.secrets.get(name);
    if (existing !== undefined) return existing;
    const created = generate();
    this.secrets.set(name, created);
    return created;
  }

  get bootstrapClaimed(): boolean {
    return this.claimed;
  }

  snapshot(): () => void {
    const claimed = this.claimed;
    const secrets = snapshotMap(this.secrets);
    return () => {
      this.claimed = claimed;
      secrets();
    };
  }
}
