import { InstanceSettings } from '../../../domain/tenancy/ports/instance-settings.port';
import { type Database } from '../database';

export class TypeormInstanceSettingsRepository extends InstanceSettings {
  constructor(private readonly db: Database) {
    super();
  }

  async claimBootstrap(): Promise<boolean> {
    return this.db.run({}, async (m) => {
      const rows: unknown[] = await m.query(
        `INSERT INTO instance_settings (key, value) VALUES ('bootstrapped', 'true'::jsonb)
         ON CONFLICT (key) DO NOTHING RETURNING key`,
      );
      return rows.length === 1;
    });
  }

  async getOrCreateSecret(name: string, generate: () => string): Promise<string> {
    const key = `secret:${name}`;
    return this.db.run({}, async (m) => {
      await m.query(
        'INSERT INTO instance_settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO NOTHING',
        [key, JSON.stringify(generate())],
      );
      const rows: { value: string }[] = await m.query('SELECT value FROM instance_settings WHERE key = $1', [
        key,
      ]);
      return rows[0]!.value;
    });
  }
}
