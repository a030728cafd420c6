import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Steps keep to their run without a per-row foreign key. The key's check was a locking lookup of
 * the run for every inserted step, 15-18% of what PostgreSQL spent on a batch; the append now
 * locks the run once per batch (FOR KEY SHARE, the same lock) and inserts nothing when the run is
 * gone. What the key's ON DELETE CASCADE did, a statement trigger on runs does: deleting runs
 * (retention, or a tenant's deletion cascading to its runs) deletes their steps in the same
 * statement. It runs with its owner's rights, as the cascade did, whatever scope deleted the runs.
 */
export class StepsRunLock1763900800000 implements MigrationInterface {
  name = 'StepsRunLock1763900800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE steps DROP CONSTRAINT IF EXISTS steps_tenant_id_run_id_fkey;

      CREATE FUNCTION cockpit_delete_steps_of_runs() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $fn$
        BEGIN
          DELETE FROM steps s USING gone_runs g WHERE s.tenant_id = g.tenant_id AND s.run_id = g.id;
          RETURN NULL;
        END
      $fn$;
      REVOKE ALL ON FUNCTION cockpit_delete_steps_of_runs() FROM PUBLIC;
      CREATE TRIGGER runs_delete_steps AFTER DELETE ON runs
        REFERENCING OLD TABLE AS gone_runs
        FOR EACH STATEMENT EXECUTE FUNCTION cockpit_delete_steps_of_runs();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER IF EXISTS runs_delete_steps ON runs;
      DROP FUNCTION IF EXISTS cockpit_delete_steps_of_runs();
      DELETE FROM steps s WHERE NOT EXISTS (SELECT 1 FROM runs r WHERE r.tenant_id = s.tenant_id AND r.id = s.run_id);
      ALTER TABLE steps ADD CONSTRAINT steps_tenant_id_run_id_fkey
        FOREIGN KEY (tenant_id, run_id) REFERENCES runs (tenant_id, id) ON DELETE CASCADE;
    `);
  }
}
