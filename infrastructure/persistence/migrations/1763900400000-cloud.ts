import { type MigrationInterface, type QueryRunner } from 'typeorm';

const TENANT_SCOPED = [
  'cloud_providers',
  'cloud_resources',
  'cloud_costs',
  'cloud_budgets',
  'cloud_alerts',
  'cloud_findings',
  'simulated_cloud_state',
];

/**
 * Operate: connected cloud providers (credentials sealed with AES-256-GCM, key id kept for
 * rotation), the resource inventory, daily cost records, budgets and the alerts they raised
 * (each threshold once per period, enforced by a unique key), threat findings, and the state of
 * simulated clouds.
 */
export class Cloud1763900400000 implements MigrationInterface {
  name = 'Cloud1763900400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cloud_providers (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('aws', 'azure', 'gcp', 'simulated')),
        name text NOT NULL,
        regions jsonb NOT NULL DEFAULT '[]',
        status text NOT NULL CHECK (status IN ('connected', 'error')),
        account text,
        last_sync_at timestamptz,
        last_error text,
        credential_key_id text NOT NULL,
        credentials_sealed text NOT NULL,
        credentials_masked jsonb NOT NULL,
        rightsizing jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE UNIQUE INDEX cloud_providers_name_uq ON cloud_providers (tenant_id, lower(name));

      CREATE TABLE cloud_resources (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        provider_id uuid NOT NULL,
        provider_kind text NOT NULL,
        external_id text NOT NULL,
        name text NOT NULL,
        region text NOT NULL,
        type text NOT NULL,
        size text,
        state text NOT NULL CHECK (state IN ('pending', 'running', 'stopped', 'terminated')),
        provider_state text NOT NULL,
        tags jsonb NOT NULL DEFAULT '{}',
        cost_per_hour numeric(14, 6) NOT NULL DEFAULT 0,
        config jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        synced_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, provider_id, external_id),
        FOREIGN KEY (tenant_id, provider_id) REFERENCES cloud_providers (tenant_id, id) ON DELETE CASCADE
      );
      CREATE INDEX cloud_resources_keyset ON cloud_resources (tenant_id, created_at DESC, id DESC);
      CREATE INDEX cloud_resources_tags ON cloud_resources USING gin (tags jsonb_path_ops);

      CREATE TABLE cloud_costs (
        tenant_id uuid NOT NULL,
        provider_id uuid NOT NULL,
        provider_kind text NOT NULL,
        day date NOT NULL,
        resource_id uuid,
        line_key text NOT NULL,
        service text NOT NULL,
        region text NOT NULL,
        tags jsonb NOT NULL DEFAULT '{}',
        amount_usd numeric(18, 6) NOT NULL,
        estimated boolean NOT NULL DEFAULT false,
        PRIMARY KEY (tenant_id, provider_id, day, line_key),
        FOREIGN KEY (tenant_id, provider_id) REFERENCES cloud_providers (tenant_id, id) ON DELETE CASCADE
      );
      CREATE INDEX cloud_costs_day ON cloud_costs (tenant_id, day);

      CREATE TABLE cloud_budgets (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        name text NOT NULL,
        project_id uuid,
        provider_id uuid,
        amount_usd numeric(18, 2) NOT NULL CHECK (amount_usd > 0),
        period text NOT NULL CHECK (period = 'monthly'),
        thresholds jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        created_by jsonb NOT NULL,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, provider_id) REFERENCES cloud_providers (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id) ON DELETE CASCADE
      );

      CREATE TABLE cloud_alerts (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        budget_id uuid NOT NULL,
        threshold integer NOT NULL,
        basis text NOT NULL CHECK (basis IN ('actual', 'forecast')),
        period text NOT NULL,
        amount_usd numeric(18, 2) NOT NULL,
        budget_usd numeric(18, 2) NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, budget_id, threshold, basis, period),
        FOREIGN KEY (tenant_id, budget_id) REFERENCES cloud_budgets (tenant_id, id) ON DELETE CASCADE
      );
      CREATE INDEX cloud_alerts_recent ON cloud_alerts (tenant_id, created_at DESC, id DESC);

      CREATE TABLE cloud_findings (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        provider_id uuid NOT NULL,
        resource_id uuid NOT NULL,
        rule_id text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low')),
        title text NOT NULL,
        evidence jsonb NOT NULL,
        remediation text NOT NULL,
        first_seen_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, resource_id, rule_id, title),
        FOREIGN KEY (tenant_id, provider_id) REFERENCES cloud_providers (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, resource_id) REFERENCES cloud_resources (tenant_id, id) ON DELETE CASCADE
      );

      CREATE TABLE simulated_cloud_state (
        tenant_id uuid NOT NULL,
        provider_id uuid NOT NULL,
        state jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, provider_id),
        FOREIGN KEY (tenant_id, provider_id) REFERENCES cloud_providers (tenant_id, id) ON DELETE CASCADE
      );

      GRANT SELECT, INSERT, UPDATE, DELETE ON ${TENANT_SCOPED.join(', ')} TO cockpit_app;
      ${TENANT_SCOPED.map(
        (table) => `
      ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant_scope ON ${table}
        USING (tenant_id = cockpit_setting('app.tenant_id')::uuid)
        WITH CHECK (tenant_id = cockpit_setting('app.tenant_id')::uuid);`,
      ).join('')}

      -- Background sync across tenants, ids only: the sync itself runs in each tenant's scope.
      CREATE FUNCTION cockpit_due_cloud_syncs(now_at timestamptz, every_seconds integer)
        RETURNS TABLE (tenant_id uuid, provider_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $fn$
          SELECT p.tenant_id, p.id FROM cloud_providers p
           WHERE p.last_sync_at IS NULL OR p.last_sync_at < now_at - make_interval(secs => every_seconds)
           ORDER BY p.last_sync_at NULLS FIRST LIMIT 100
        $fn$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION IF EXISTS cockpit_due_cloud_syncs(timestamptz, integer);
      DROP TABLE IF EXISTS simulated_cloud_state, cloud_findings, cloud_alerts, cloud_budgets, cloud_costs,
        cloud_resources, cloud_providers;
    `);
  }
}
