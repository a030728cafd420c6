import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Tenancy and access. Every table has row-level security; application transactions run as the
 * non-superuser role `cockpit_app` (see database.ts), so a query that forgets its tenant filter
 * still returns only rows its scope settings allow: with no settings, nothing.
 */
export class Foundation1763900000000 implements MigrationInterface {
  name = 'Foundation1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        CREATE ROLE cockpit_app NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$;
      DO $$ BEGIN
        EXECUTE format('GRANT cockpit_app TO %I', current_user);
      EXCEPTION WHEN OTHERS THEN NULL; -- superusers may SET ROLE without membership
      END $$;
      DO $$ BEGIN
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO cockpit_app', current_schema());
      END $$;

      -- Reads one scope setting; unset and reset settings both read as NULL, which matches nothing.
      CREATE OR REPLACE FUNCTION cockpit_setting(name text) RETURNS text
        LANGUAGE sql STABLE AS $fn$ SELECT NULLIF(current_setting(name, true), '') $fn$;

      CREATE TABLE instance_settings (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
        plan text NOT NULL CHECK (plan IN ('free', 'team', 'enterprise')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX tenants_created_idx ON tenants (created_at, id);

      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        password_hash text,
        display_name text,
        is_operator boolean NOT NULL DEFAULT false,
        status text NOT NULL CHECK (status IN ('active', 'invited', 'disabled')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE memberships (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('viewer', 'developer', 'approver', 'admin')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id)
      );
      CREATE INDEX memberships_user_idx ON memberships (user_id, created_at);

      CREATE TABLE projects (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
        description text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- lets child tables reference (tenant_id, project_id): a row can never point at another tenant's project
        UNIQUE (tenant_id, id)
      );
      CREATE UNIQUE INDEX projects_tenant_name_uq ON projects (tenant_id, lower(name));

      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        project_id uuid NOT NULL,
        name text NOT NULL,
        prefix text NOT NULL UNIQUE,
        secret_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('viewer', 'developer')),
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        expires_at timestamptz,
        revoked_at timestamptz,
        FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id) ON DELETE CASCADE
      );
      CREATE INDEX api_keys_project_idx ON api_keys (tenant_id, project_id, created_at);

      CREATE TABLE invites (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz
      );

      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        tenant_id uuid REFERENCES tenants (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoke_reason text
      );
      CREATE INDEX sessions_user_idx ON sessions (user_id);

      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);
    `);

    await q.query(`
      GRANT SELECT, INSERT ON instance_settings TO cockpit_app;
      GRANT SELECT, INSERT, UPDATE, DELETE
        ON tenants, users, memberships, projects, api_keys, invites, sessions, refresh_tokens TO cockpit_app;

      ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant_scope ON tenants
        USING (
          id = cockpit_setting('app.tenant_id')::uuid
          OR cockpit_setting('app.operator') = 'on'
          OR id IN (SELECT m.tenant_id FROM memberships m WHERE m.user_id = cockpit_setting('app.user_id')::uuid)
        )
        WITH CHECK (id = cockpit_setting('app.tenant_id')::uuid OR cockpit_setting('app.operator') = 'on');

      ALTER TABLE users ENABLE ROW LEVEL SECURITY;
      CREATE POLICY user_scope ON users
        USING (
          id = cockpit_setting('app.user_id')::uuid
          OR email = cockpit_setting('app.user_email')
          OR cockpit_setting('app.operator') = 'on'
          OR EXISTS (
            SELECT 1 FROM memberships m
            WHERE m.user_id = users.id AND m.tenant_id = cockpit_setting('app.tenant_id')::uuid
          )
        )
        -- identities are global: any scope may register one (emails are unique across the instance)
        WITH CHECK (true);

      ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
      CREATE POLICY membership_scope ON memberships
        USING (tenant_id = cockpit_setting('app.tenant_id')::uuid OR user_id = cockpit_setting('app.user_id')::uuid)
        WITH CHECK (tenant_id = cockpit_setting('app.tenant_id')::uuid);

      ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant_scope ON projects
        USING (tenant_id = cockpit_setting('app.tenant_id')::uuid)
        WITH CHECK (tenant_id = cockpit_setting('app.tenant_id')::uuid);

      ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
      CREATE POLICY api_key_scope ON api_keys
        USING (tenant_id = cockpit_setting('app.tenant_id')::uuid OR prefix = cockpit_setting('app.api_key_prefix'))
        WITH CHECK (tenant_id = cockpit_setting('app.tenant_id')::uuid);

      ALTER TABLE invites ENABLE ROW LEVEL SECURITY;
      CREATE POLICY invite_scope ON invites
        USING (
          tenant_id = cockpit_setting('app.tenant_id')::uuid
          OR token_hash = cockpit_setting('app.invite_token_hash')
        )
        WITH CHECK (tenant_id = cockpit_setting('app.tenant_id')::uuid);

      ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
      CREATE POLICY session_scope ON sessions
        USING (id = cockpit_setting('app.session_id')::uuid OR user_id = cockpit_setting('app.user_id')::uuid)
        WITH CHECK (id = cockpit_setting('app.session_id')::uuid OR user_id = cockpit_setting('app.user_id')::uuid);

      ALTER TABLE refresh_tokens ENABLE ROW LEVEL SECURITY;
      CREATE POLICY refresh_token_scope ON refresh_tokens
        USING (
          session_id = cockpit_setting('app.session_id')::uuid
          OR token_hash = cockpit_setting('app.refresh_token_hash')
        )
        WITH CHECK (session_id = cockpit_setting('app.session_id')::uuid);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE IF EXISTS refresh_tokens, sessions, invites, api_keys, projects, memberships, users, tenants,
        instance_settings CASCADE;
      DROP FUNCTION IF EXISTS cockpit_setting(text);
    `);
  }
}
