import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Expired refresh tokens, old revoked sessions and stale invites belong to every tenant and user,
 * so no RLS scope can see them all. This one SECURITY DEFINER function is the narrow door for the
 * housekeeping job: it deletes only expired material and takes a lock so replicas do not race.
 */
export class CredentialHousekeeping1763900100000 implements MigrationInterface {
  name = 'CredentialHousekeeping1763900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION cockpit_purge_expired_credentials(cutoff timestamptz) RETURNS integer
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $fn$
      DECLARE
        purged integer := 0;
        n integer;
      BEGIN
        IF NOT pg_try_advisory_xact_lock(7355609) THEN
          RETURN -1; -- another replica is purging right now
        END IF;
        -- Used tokens are kept until they expire: a replay must still be recognised as reuse.
        DELETE FROM refresh_tokens WHERE expires_at < cutoff;
        GET DIAGNOSTICS n = ROW_COUNT; purged := purged + n;
        DELETE FROM sessions s
          WHERE s.revoked_at < cutoff
             OR (s.created_at < cutoff AND NOT EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.session_id = s.id));
        GET DIAGNOSTICS n = ROW_COUNT; purged := purged + n;
        DELETE FROM invites WHERE expires_at < cutoff OR accepted_at < cutoff;
        GET DIAGNOSTICS n = ROW_COUNT; purged := purged + n;
        RETURN purged;
      END
      $fn$;
      REVOKE ALL ON FUNCTION cockpit_purge_expired_credentials(timestamptz) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION cockpit_purge_expired_credentials(timestamptz) TO cockpit_app;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION IF EXISTS cockpit_purge_expired_credentials(timestamptz)');
  }
}
