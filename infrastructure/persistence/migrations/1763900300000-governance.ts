import { type MigrationInterface, type QueryRunner } from 'typeorm';

const TENANT_SCOPED = [
  'policies',
  'policy_versions',
  'project_policies',
  'approvals',
  'decision_tokens',
  'approval_webhooks',
  'webhook_deliveries',
];

/**
 * Govern: versioned policies (versions are immutable), the active version per project, approval
 * requests (immutable once decided), issued decision tokens (single use), the instance's signing
 * keys (private halves encrypted) and the outbox of approval webhooks.
 */
export class Governance1763900300000 implements MigrationInterface {
  name = 'Governance1763900300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE policies (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        name text NOT NULL,
        latest_version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id) ON DELETE CASCADE
      );
      CREATE UNIQUE INDEX policies_project_name_uq ON policies (tenant_id, project_id, lower(name));

      CREATE TABLE policy_versions (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        policy_id uuid NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        format text NOT NULL CHECK (format IN ('cedar', 'rules')),
        cedar text NOT NULL,
        rules jsonb,
        default_decision text NOT NULL CHECK (default_decision IN ('allow', 'require_approval', 'block')),
        description text,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by jsonb NOT NULL,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, policy_id, version),
        FOREIGN KEY (tenant_id, policy_id) REFERENCES policies (tenant_id, id) ON DELETE CASCADE
      );

      CREATE FUNCTION cockpit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION '% rows are immutable: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $fn$;
      CREATE TRIGGER policy_versions_immutable BEFORE UPDATE ON policy_versions
        FOR EACH ROW EXECUTE FUNCTION cockpit_refuse_change();

      -- the one active version of each project
      CREATE TABLE project_policies (
        tenant_id uuid NOT NULL,
        project_id uuid NOT NULL,
        policy_version_id uuid NOT NULL,
        activated_at timestamptz NOT NULL DEFAULT now(),
        activated_by jsonb NOT NULL,
        PRIMARY KEY (tenant_id, project_id),
        FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, policy_version_id) REFERENCES policy_versions (tenant_id, id) ON DELETE CASCADE
      );

      CREATE TABLE approvals (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        run_id uuid NOT NULL,
        step_id text NOT NULL,
        tool text NOT NULL,
        payload jsonb NOT NULL,
        redactions jsonb NOT NULL DEFAULT '[]',
        payload_hash text NOT NULL,
        risk text NOT NULL,
        summary text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'expired')),
        requested_by jsonb NOT NULL,
        policy_version_id uuid,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        decided_at timestamptz,
        decided_by jsonb,
        reason text,
        decision_token_id uuid,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id) ON DELETE CASCADE
      );
      CREATE INDEX approvals_inbox_idx ON approvals (tenant_id, status, created_at DESC, id DESC);
      CREATE INDEX approvals_pending_expiry_idx ON approvals (expires_at) WHERE status = 'pending';

      -- a decided request never changes again
      CREATE FUNCTION cockpit_approval_is_final() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF OLD.status <> 'pending' THEN
          RAISE EXCEPTION 'approval % is already %', OLD.id, OLD.status USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.payload_hash <> OLD.payload_hash OR NEW.payload <> OLD.payload OR NEW.tool <> OLD.tool
           OR NEW.run_id <> OLD.run_id OR NEW.requested_by <> OLD.requested_by THEN
          RAISE EXCEPTION 'an approval request cannot be edited' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END
      $fn$;
      CREATE TRIGGER approvals_final BEFORE UPDATE ON approvals
        FOR EACH ROW EXECUTE FUNCTION cockpit_approval_is_final();
      CREATE TRIGGER approvals_no_delete BEFORE DELETE ON approvals
        FOR EACH ROW EXECUTE FUNCTION cockpit_refuse_change();

      CREATE TABLE decision_tokens (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        kid text NOT NULL,
        project_id uuid NOT NULL,
        run_id uuid NOT NULL,
        step_id text,
        approval_id uuid,
        payload_hash text NOT NULL,
        decision text NOT NULL,
        policy_version_id uuid,
        break_glass boolean NOT NULL DEFAULT false,
        issued_to jsonb NOT NULL,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        -- kept so the requester can fetch it after approval; worthless once consumed or expired
        token text NOT NULL,
        consumed_at timestamptz,
        consumed_step_id text,
        PRIMARY KEY (tenant_id, id)
      );

      -- instance-wide: the decision-token signing keys; private halves are sealed with the master key
      CREATE TABLE signing_keys (
        kid text PRIMARY KEY,
        algorithm text NOT NULL,
        public_jwk jsonb NOT NULL,
        sealed_private_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
      );

      CREATE TABLE approval_webhooks (
        tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
        url text NOT NULL,
        sealed_secret text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE webhook_deliveries (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        event text NOT NULL,
        url text NOT NULL,
        body jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
    `);

    await q.query(`
      GRANT SELECT, INSERT, UPDATE ON policies, project_policies, approvals, decision_tokens, webhook_deliveries TO cockpit_app;
      GRANT SELECT, INSERT ON policy_versions TO cockpit_app;
      GRANT SELECT, INSERT, UPDATE, DELETE ON approval_webhooks TO cockpit_app;
      GRANT SELECT, INSERT ON signing_keys TO cockpit_app;
      GRANT UPDATE (retired_at) ON signing_keys TO cockpit_app;
      ${TENANT_SCOPED.map(
        (table) => `
      ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant_scope ON ${table}
        USING (tenant_id = cockpit_setting('app.tenant_id')::uuid)
        WITH CHECK (tenant_id = cockpit_setting('app.tenant_id')::uuid);`,
      ).join('')}

      -- Background work across tenants, ids only: the rest happens in each tenant's scope.
      CREATE FUNCTION cockpit_tenants_with_due_governance_work(now_at timestamptz)
        RETURNS TABLE (tenant_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $fn$
          SELECT DISTINCT a.tenant_id FROM approvals a WHERE a.status = 'pending' AND a.expires_at <= now_at
          UNION
          SELECT DISTINCT d.tenant_id FROM webhook_deliveries d WHERE d.status = 'pending' AND d.next_attempt_at <= now_at
      $fn$;
      REVOKE ALL ON FUNCTION cockpit_tenants_with_due_governance_work(timestamptz) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION cockpit_tenants_with_due_governance_work(timestamptz) TO cockpit_app;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION IF EXISTS cockpit_tenants_with_due_governance_work(timestamptz);
      DROP TABLE IF EXISTS webhook_deliveries, approval_webhooks, signing_keys, decision_tokens, approvals,
        project_policies, policy_versions, policies CASCADE;
      DROP FUNCTION IF EXISTS cockpit_approval_is_final();
      DROP FUNCTION IF EXISTS cockpit_refuse_change();
    `);
  }
}
