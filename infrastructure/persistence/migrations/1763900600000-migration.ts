import { type MigrationInterface, type QueryRunner } from 'typeorm';

const TENANT_SCOPED = ['workloads', 'migrations', 'migration_workloads'];

/**
 * Modernize: the workload inventory (one row per workload, unique by name without regard to case,
 * with its latest assessment), and the migrations of waves with one row per workload so that
 * workloads executing in parallel never overwrite each other's state.
 */
export class Migration1763900600000 implements MigrationInterface {
  name = 'Migration1763900600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE workloads (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        name text NOT NULL,
        environment text NOT NULL CHECK (environment IN ('production', 'staging', 'test', 'development', 'dr')),
        os text NOT NULL,
        cpu numeric(10, 2) NOT NULL,
        memory_gb numeric(12, 2) NOT NULL,
        storage_gb numeric(14, 2) NOT NULL,
        cpu_p50 numeric(5, 2),
        cpu_p95 numeric(5, 2),
        mem_p95 numeric(5, 2),
        tech_stack jsonb NOT NULL DEFAULT '[]',
        dependencies jsonb NOT NULL DEFAULT '[]',
        license text,
        criticality text NOT NULL CHECK (criticality IN ('low', 'medium', 'high', 'critical')),
        data_sensitivity text NOT NULL CHECK (data_sensitivity IN ('public', 'internal', 'confidential', 'restricted')),
        import_batch uuid NOT NULL,
        readiness integer CHECK (readiness BETWEEN 0 AND 100),
        strategy text,
        assessment jsonb,
        assessed_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE UNIQUE INDEX workloads_name_uq ON workloads (tenant_id, lower(name));
      CREATE INDEX workloads_keyset ON workloads (tenant_id, created_at DESC, id DESC);

      CREATE TABLE migrations (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        wave integer NOT NULL CHECK (wave > 0),
        name text NOT NULL,
        stage text NOT NULL CHECK (stage IN ('assess', 'plan', 'execute', 'validate', 'cutover', 'complete',
                                             'failed', 'rolling_back', 'rolled_back', 'cancelled')),
        failed_stage text,
        provider_id uuid NOT NULL,
        region text NOT NULL,
        project_id uuid,
        run_id text,
        workflow_id uuid,
        rollback_workflow_id uuid,
        goals jsonb NOT NULL,
        caps jsonb NOT NULL,
        tco jsonb,
        retries integer NOT NULL DEFAULT 0,
        error text,
        started_by jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        finished_at timestamptz,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX migrations_keyset ON migrations (tenant_id, created_at DESC, id DESC);

      CREATE TABLE migration_workloads (
        tenant_id uuid NOT NULL,
        migration_id uuid NOT NULL,
        workload_id uuid NOT NULL,
        position integer NOT NULL,
        name text NOT NULL,
        strategy text NOT NULL,
        target_service text NOT NULL,
        target_size text,
        state text NOT NULL CHECK (state IN ('pending', 'migrating', 'migrated', 'validated', 'cut_over', 'failed',
                                             'rolled_back')),
        target_resource_id uuid,
        target_external_id text,
        error text,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, migration_id, workload_id),
        FOREIGN KEY (tenant_id, migration_id) REFERENCES migrations (tenant_id, id) ON DELETE CASCADE
      );
      CREATE INDEX migration_workloads_workload ON migration_workloads (tenant_id, workload_id);

      GRANT SELECT, INSERT, UPDATE, DELETE ON ${TENANT_SCOPED.join(', ')} TO cockpit_app;
      ${TENANT_SCOPED.map(
        (table) => `
      ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant_scope ON ${table}
        USING (tenant_id = cockpit_setting('app.tenant_id')::uuid)
        WITH CHECK (tenant_id = cockpit_setting('app.tenant_id')::uuid);`,
      ).join('')}
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS migration_workloads, migrations, workloads');
  }
}
