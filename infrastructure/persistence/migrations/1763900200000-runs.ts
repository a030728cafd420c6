import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Observe: runs and their append-only steps, tenant prices, diff profiles, redaction salts, and the
 * hash-chained audit log (append-only for the application: no UPDATE/DELETE grant, and a trigger
 * that refuses changes from anyone).
 */
export class Runs1763900200000 implements MigrationInterface {
  name = 'Runs1763900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE runs (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        project_id uuid NOT NULL,
        name text,
        status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        tags text[] NOT NULL DEFAULT '{}',
        metadata jsonb NOT NULL DEFAULT '{}',
        -- the whitelisted, searchable metadata fields (seed 004 §10)
        env text GENERATED ALWAYS AS (metadata ->> 'env') STORED,
        release text GENERATED ALWAYS AS (metadata ->> 'release') STORED,
        agent_version text GENERATED ALWAYS AS (metadata ->> 'agent_version') STORED,
        models text[] NOT NULL DEFAULT '{}',
        tools text[] NOT NULL DEFAULT '{}',
        step_count integer NOT NULL DEFAULT 0,
        tool_count integer NOT NULL DEFAULT 0,
        error_count integer NOT NULL DEFAULT 0,
        input_tokens bigint NOT NULL DEFAULT 0,
        output_tokens bigint NOT NULL DEFAULT 0,
        cost_usd numeric(20, 8) NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id) ON DELETE CASCADE
      );
      -- keyset pagination, newest first, and the common filters beside it
      CREATE INDEX runs_started_idx ON runs (tenant_id, started_at DESC, id DESC);
      CREATE INDEX runs_project_started_idx ON runs (tenant_id, project_id, started_at DESC, id DESC);
      CREATE INDEX runs_status_started_idx ON runs (tenant_id, status, started_at DESC, id DESC);
      CREATE INDEX runs_env_idx ON runs (tenant_id, env, started_at DESC) WHERE env IS NOT NULL;
      CREATE INDEX runs_release_idx ON runs (tenant_id, release, started_at DESC) WHERE release IS NOT NULL;
      CREATE INDEX runs_agent_version_idx ON runs (tenant_id, agent_version, started_at DESC) WHERE agent_version IS NOT NULL;
      CREATE INDEX runs_tags_idx ON runs USING gin (tags);
      CREATE INDEX runs_models_idx ON runs USING gin (models);
      CREATE INDEX runs_tools_idx ON runs USING gin (tools);

      CREATE TABLE steps (
        tenant_id uuid NOT NULL,
        run_id uuid NOT NULL,
        id text NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        parent_id text,
        kind text NOT NULL CHECK (kind IN ('prompt', 'model', 'tool', 'policy', 'approval', 'error', 'retrieval', 'custom')),
        name text,
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        model text,
        model_params jsonb,
        tool text,
        input jsonb,
        output jsonb,
        input_tokens integer,
        output_tokens integer,
        cost_usd numeric(20, 8),
        cost_source text CHECK (cost_source IN ('client', 'computed')),
        error jsonb,
        metadata jsonb,
        decision_token_id text,
        redactions jsonb NOT NULL DEFAULT '[]',
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, run_id, id),
        FOREIGN KEY (tenant_id, run_id) REFERENCES runs (tenant_id, id) ON DELETE CASCADE
      );
      CREATE INDEX steps_timeline_idx ON steps (tenant_id, run_id, started_at, seq);

      CREATE TABLE model_prices (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        pattern text NOT NULL,
        provider text NOT NULL,
        input_usd_per_mtok numeric(20, 8) NOT NULL CHECK (input_usd_per_mtok >= 0),
        output_usd_per_mtok numeric(20, 8) NOT NULL CHECK (output_usd_per_mtok >= 0),
        effective_from timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      );

      CREATE TABLE diff_profiles (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name text NOT NULL,
        ignore_paths text[] NOT NULL DEFAULT '{}',
        ignore_keys text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, name)
      );

      -- the per-tenant key of redaction hashes; never returned by any API
      CREATE TABLE tenant_secrets (
        tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
        redaction_salt text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      -- no foreign key on purpose: tombstones and other entries outlive what they describe
      CREATE TABLE audit_log (
        tenant_id uuid NOT NULL,
        seq bigint NOT NULL,
        at timestamptz NOT NULL,
        action text NOT NULL,
        actor jsonb NOT NULL,
        target jsonb NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        prev_hash text NOT NULL,
        hash text NOT NULL,
        PRIMARY KEY (tenant_id, seq)
      );
      CREATE INDEX audit_log_action_idx ON audit_log (tenant_id, action, at);

      CREATE FUNCTION cockpit_audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $fn$;
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION cockpit_audit_log_is_append_only();
    `);

    await q.query(`
      GRANT SELECT, INSERT, UPDATE, DELETE ON runs, steps, model_prices, diff_profiles TO cockpit_app;
      GRANT SELECT, INSERT ON tenant_secrets TO cockpit_app;
      GRANT SELECT, INSERT ON audit_log TO cockpit_app;

      ALTER TABLE runs ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant_scope ON runs
        USING (tenant_id = cockpit_setting('app.tenant_id')::uuid)
        WITH CHECK (tenant_id = cockpit_setting('app.tenant_id')::uuid);
      ALTER TABLE steps ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant_scope ON steps
        USING (tenant_id = cockpit_setting('app.tenant_id')::uuid)
        WITH CHECK (tenant_id = cockpit_setting('app.tenant_id')::uuid);
      ALTER TABLE model_prices ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant_scope ON model_prices
        USING (tenant_id = cockpit_setting('app.tenant_id')::uuid)
        WITH CHECK (tenant_id = cockpit_setting('app.tenant_id')::uuid);
      ALTER TABLE diff_profiles ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant_scope ON diff_profiles
        USING (tenant_id = cockpit_setting('app.tenant_id')::uuid)
        WITH CHECK (tenant_id = cockpit_setting('app.tenant_id')::uuid);
      ALTER TABLE tenant_secrets ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant_scope ON tenant_secrets
        USING (tenant_id = cockpit_setting('app.tenant_id')::uuid)
        WITH CHECK (tenant_id = cockpit_setting('app.tenant_id')::uuid);
      ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant_scope ON audit_log
        USING (tenant_id = cockpit_setting('app.tenant_id')::uuid)
        WITH CHECK (tenant_id = cockpit_setting('app.tenant_id')::uuid);

      -- Retention: the one cross-tenant read of runs. Ids only; deletion happens in each tenant's scope.
      -- plan_days maps each plan to its days (the domain's RETENTION_DAYS), e.g. {"free": 7}
      CREATE FUNCTION cockpit_expired_runs(now_at timestamptz, per_tenant integer, plan_days jsonb)
        RETURNS TABLE (tenant_id uuid, retention_days integer, run_ids uuid[])
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $fn$
          SELECT t.id,
                 d.days,
                 ARRAY(
                   SELECT r.id FROM runs r
                    WHERE r.tenant_id = t.id AND r.started_at < now_at - make_interval(days => d.days)
                    ORDER BY r.started_at LIMIT per_tenant)
            FROM tenants t
            CROSS JOIN LATERAL (SELECT (plan_days ->> t.plan)::integer AS days) d
           WHERE d.days IS NOT NULL AND EXISTS (
             SELECT 1 FROM runs r WHERE r.tenant_id = t.id AND r.started_at < now_at - make_interval(days => d.days))
      $fn$;
      REVOKE ALL ON FUNCTION cockpit_expired_runs(timestamptz, integer, jsonb) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION cockpit_expired_runs(timestamptz, integer, jsonb) TO cockpit_app;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION IF EXISTS cockpit_expired_runs(timestamptz, integer, jsonb);
      DROP TABLE IF EXISTS audit_log, tenant_secrets, diff_profiles, model_prices, steps, runs CASCADE;
      DROP FUNCTION IF EXISTS cockpit_audit_log_is_append_only();
    `);
  }
}
