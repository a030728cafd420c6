import { type MigrationInterface, type QueryRunner } from 'typeorm';

const TENANT_SCOPED = ['workflows', 'workflow_nodes'];
const NODE_STATUSES = `'pending', 'ready', 'queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled', 'skipped'`;

/** The first version of the dispatch (a later migration replaces it; its `down` restores this). */
export const DISPATCH_V1 = `
  -- $3 max_concurrency; call it holding the workflow row lock. Queues due nodes in spec order while
  -- slots are free, and finishes the workflow when every node succeeded.
  CREATE OR REPLACE FUNCTION cockpit_wf_dispatch(uuid, uuid, integer) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $fn$
    DECLARE result jsonb;
    BEGIN
      WITH inflight AS (
        SELECT count(*)::int AS n FROM workflow_nodes
         WHERE tenant_id = $1 AND workflow_id = $2 AND status IN ('queued', 'running')
      ), due AS (
        (SELECT key, ordinal FROM workflow_nodes
          WHERE tenant_id = $1 AND workflow_id = $2 AND status = 'ready' AND (not_before IS NULL OR not_before <= now())
          ORDER BY ordinal LIMIT $3)
        UNION ALL
        (SELECT key, ordinal FROM workflow_nodes
          WHERE tenant_id = $1 AND workflow_id = $2 AND status = 'waiting' AND not_before <= now()
          ORDER BY ordinal LIMIT $3)
      ), chosen AS (
        SELECT key FROM due ORDER BY ordinal LIMIT greatest(0, $3 - (SELECT n FROM inflight))
      ), queued AS (
        UPDATE workflow_nodes n
           SET status = 'queued', dispatches = n.dispatches + 1, queued_at = now(), not_before = NULL
          FROM chosen c
         WHERE n.tenant_id = $1 AND n.workflow_id = $2 AND n.key = c.key AND n.status IN ('ready', 'waiting')
        RETURNING n.key, n.dispatches, n.ordinal
      ), finished AS (
        UPDATE workflows w SET status = 'succeeded', finished_at = now(), updated_at = now()
         WHERE w.tenant_id = $1 AND w.id = $2 AND w.status = 'running'
           AND NOT EXISTS (SELECT 1 FROM workflow_nodes x
                            WHERE x.tenant_id = $1 AND x.workflow_id = $2 AND x.status <> 'succeeded')
        RETURNING w.*
      )
      SELECT jsonb_build_object(
               'queued', (SELECT coalesce(jsonb_agg(jsonb_build_array(key, dispatches) ORDER BY ordinal), '[]'::jsonb) FROM queued),
               'finished', (SELECT to_jsonb(f) FROM finished f))
        INTO result;
      RETURN result;
    END
    $fn$;
`;

/** The first version of the claim (replaced and restored like the dispatch). */
export const CLAIM_V1 = `
  -- $3 key, $4 worker, $5 lease ms. A queued node, or a running one whose lease expired (its
  -- process died), becomes this worker's next attempt, with its workflow and upstream outputs. An
  -- abandoned attempt in a workflow that stopped meanwhile is closed instead.
  CREATE OR REPLACE FUNCTION cockpit_wf_claim(uuid, uuid, text, text, integer) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $fn$
    DECLARE result jsonb;
    BEGIN
      PERFORM cockpit_wf_scope($1);
      WITH wf AS (
        SELECT * FROM workflows WHERE tenant_id = $1 AND id = $2
      ), cur AS (
        SELECT status FROM workflow_nodes WHERE tenant_id = $1 AND workflow_id = $2 AND key = $3
      ), claimed AS (
        UPDATE workflow_nodes n
           SET status = 'running', attempts = n.attempts + 1, worker_id = $4, started_at = now(),
               finished_at = NULL, lease_until = now() + $5 * interval '1 millisecond', not_before = NULL
         WHERE n.tenant_id = $1 AND n.workflow_id = $2 AND n.key = $3
           AND (n.status = 'queued' OR (n.status = 'running' AND n.lease_until < now()))
           AND (SELECT status FROM wf) = 'running'
        RETURNING n.*
      ), orphaned AS (
        UPDATE workflow_nodes n
           SET status = CASE WHEN (SELECT status FROM wf) = 'cancelled' THEN 'cancelled' ELSE 'failed' END,
               error = coalesce(n.error, 'its worker stopped while running it'), finished_at = now(), lease_until = NULL
         WHERE n.tenant_id = $1 AND n.workflow_id = $2 AND n.key = $3
           AND n.status = 'running' AND n.lease_until < now() AND (SELECT status FROM wf) <> 'running'
        RETURNING n.key
      )
      SELECT jsonb_build_object(
               'workflow', to_jsonb(wf),
               'node_status', (SELECT status FROM cur),
               'node', (SELECT to_jsonb(c) FROM claimed c),
               'upstream', (SELECT jsonb_object_agg(u.key, u.output)
                              FROM unnest((SELECT needs FROM claimed)) AS k(key)
                              JOIN workflow_nodes u ON u.tenant_id = $1 AND u.workflow_id = $2 AND u.key = k.key),
               'orphaned', (SELECT count(*) FROM orphaned))
        INTO result FROM wf;
      RETURN result;
    END
    $fn$;
`;

/** The first version of a success's settlement (replaced and restored like the dispatch). */
export const SUCCEED_V1 = `
  -- $6 output. Each dependent counts one need less; the last need makes it ready.
  CREATE OR REPLACE FUNCTION cockpit_wf_succeed(uuid, uuid, text, text, integer, jsonb) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $fn$
    DECLARE result jsonb;
    BEGIN
      PERFORM cockpit_wf_scope($1);
      WITH wf AS (
        SELECT status, max_concurrency FROM workflows WHERE tenant_id = $1 AND id = $2 FOR UPDATE
      ), done AS (
        UPDATE workflow_nodes n
           SET status = 'succeeded', output = $6, state = NULL, error = NULL, waiting_for = NULL,
               finished_at = now(), lease_until = NULL
         WHERE n.tenant_id = $1 AND n.workflow_id = $2 AND n.key = $3 AND n.status = 'running'
           AND n.worker_id = $4 AND n.attempts = $5 AND EXISTS (SELECT 1 FROM wf)
        RETURNING n.*
      ), unblocked AS (
        UPDATE workflow_nodes d
           SET pending_needs = d.pending_needs - 1,
               status = CASE WHEN d.status = 'pending' AND d.pending_needs <= 1 THEN 'ready' ELSE d.status END
          FROM unnest((SELECT dependents FROM done)) AS k(key)
         WHERE d.tenant_id = $1 AND d.workflow_id = $2 AND d.key = k.key
        RETURNING d.key
      )
      SELECT jsonb_build_object(
               'node', (SELECT to_jsonb(d) FROM done d),
               'workflow_status', (SELECT status FROM wf),
               'max_concurrency', (SELECT max_concurrency FROM wf),
               'unblocked', (SELECT count(*) FROM unblocked))
        INTO result;
      RETURN cockpit_wf_settled(result, $1, $2);
    END
    $fn$;
`;

/**
 * The per-node hot path as functions: one round trip per claim and per settlement, plans cached per
 * connection. The entry points take the tenant, switch to the application role and scope the
 * tenant themselves (RLS applies exactly as in `Database.run`), so only the owner may call them;
 * `cockpit_wf_dispatch` runs in its caller's scope and is granted to the application role.
 */
const HOT_PATH = `
  CREATE FUNCTION cockpit_wf_scope(tenant uuid) RETURNS void LANGUAGE sql VOLATILE AS $fn$
    SELECT set_config('role', 'cockpit_app', true), set_config('app.tenant_id', tenant::text, true)
  $fn$;

  ${DISPATCH_V1}

  ${CLAIM_V1}

  -- Settlements: $3 key, $4 worker, $5 attempt (only the attempt this worker claimed). Each locks
  -- the workflow row first, records the outcome, then dispatches into the slot it freed.
  CREATE FUNCTION cockpit_wf_settled(result jsonb, tenant uuid, workflow uuid) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $fn$
    BEGIN
      IF result->'node' = 'null'::jsonb OR result->>'workflow_status' <> 'running' OR result ? 'finished' THEN
        RETURN result;
      END IF;
      RETURN result || jsonb_build_object(
        'dispatch', cockpit_wf_dispatch(tenant, workflow, (result->>'max_concurrency')::integer));
    END
    $fn$;

  ${SUCCEED_V1}

  -- $6 error, $7 retry delay ms or null. A retry makes the node ready again after the delay; a
  -- final failure fails the workflow and skips every node not started. In a stopped workflow the
  -- attempt just ends.
  CREATE FUNCTION cockpit_wf_fail(uuid, uuid, text, text, integer, text, integer) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $fn$
    DECLARE result jsonb;
    BEGIN
      PERFORM cockpit_wf_scope($1);
      WITH wf AS (
        SELECT status, max_concurrency FROM workflows WHERE tenant_id = $1 AND id = $2 FOR UPDATE
      ), failed AS (
        UPDATE workflow_nodes n
           SET status = CASE WHEN (SELECT status FROM wf) = 'cancelled' THEN 'cancelled'
                             WHEN (SELECT status FROM wf) <> 'running' OR $7 IS NULL THEN 'failed'
                             ELSE 'ready' END,
               error = $6, lease_until = NULL,
               not_before = CASE WHEN $7 IS NULL THEN NULL ELSE now() + $7 * interval '1 millisecond' END,
               finished_at = CASE WHEN (SELECT status FROM wf) = 'running' AND $7 IS NOT NULL THEN NULL ELSE now() END
         WHERE n.tenant_id = $1 AND n.workflow_id = $2 AND n.key = $3 AND n.status = 'running'
           AND n.worker_id = $4 AND n.attempts = $5 AND EXISTS (SELECT 1 FROM wf)
        RETURNING n.*
      ), skipped AS (
        UPDATE workflow_nodes s SET status = 'skipped', finished_at = now()
         WHERE s.tenant_id = $1 AND s.workflow_id = $2 AND s.status IN ('pending', 'ready', 'queued', 'waiting')
           AND (SELECT status FROM wf) = 'running' AND (SELECT status FROM failed) = 'failed'
        RETURNING s.key
      ), stopped AS (
        UPDATE workflows w
           SET status = 'failed', error = left('node ' || $3 || ' failed: ' || $6, 2000), finished_at = now(),
               updated_at = now()
         WHERE w.tenant_id = $1 AND w.id = $2 AND w.status = 'running' AND (SELECT status FROM failed) = 'failed'
        RETURNING w.*
      )
      SELECT jsonb_build_object(
               'node', (SELECT to_jsonb(f) FROM failed f),
               'workflow_status', (SELECT status FROM wf),
               'max_concurrency', (SELECT max_concurrency FROM wf),
               'skipped', (SELECT count(*) FROM skipped))
             || coalesce((SELECT jsonb_build_object('finished', to_jsonb(s)) FROM stopped s), '{}'::jsonb)
        INTO result;
      RETURN cockpit_wf_settled(result, $1, $2);
    END
    $fn$;

  -- $6 reason, $7 state, $8 delay ms. The attempt is given back: waiting is not failing.
  CREATE FUNCTION cockpit_wf_wait(uuid, uuid, text, text, integer, text, jsonb, integer) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $fn$
    DECLARE result jsonb;
    BEGIN
      PERFORM cockpit_wf_scope($1);
      WITH wf AS (
        SELECT status, max_concurrency FROM workflows WHERE tenant_id = $1 AND id = $2 FOR UPDATE
      ), waited AS (
        UPDATE workflow_nodes n
           SET status = CASE (SELECT status FROM wf) WHEN 'running' THEN 'waiting' WHEN 'cancelled' THEN 'cancelled'
                             ELSE 'skipped' END,
               attempts = n.attempts - 1, waiting_for = $6, state = $7, lease_until = NULL,
               not_before = now() + $8 * interval '1 millisecond',
               finished_at = CASE WHEN (SELECT status FROM wf) = 'running' THEN NULL ELSE now() END
         WHERE n.tenant_id = $1 AND n.workflow_id = $2 AND n.key = $3 AND n.status = 'running'
           AND n.worker_id = $4 AND n.attempts = $5 AND EXISTS (SELECT 1 FROM wf)
        RETURNING n.*
      )
      SELECT jsonb_build_object(
               'node', (SELECT to_jsonb(w) FROM waited w),
               'workflow_status', (SELECT status FROM wf),
               'max_concurrency', (SELECT max_concurrency FROM wf))
        INTO result;
      RETURN cockpit_wf_settled(result, $1, $2);
    END
    $fn$;

  REVOKE ALL ON FUNCTION cockpit_wf_scope(uuid) FROM PUBLIC;
  REVOKE ALL ON FUNCTION cockpit_wf_claim(uuid, uuid, text, text, integer) FROM PUBLIC;
  REVOKE ALL ON FUNCTION cockpit_wf_succeed(uuid, uuid, text, text, integer, jsonb) FROM PUBLIC;
  REVOKE ALL ON FUNCTION cockpit_wf_fail(uuid, uuid, text, text, integer, text, integer) FROM PUBLIC;
  REVOKE ALL ON FUNCTION cockpit_wf_wait(uuid, uuid, text, text, integer, text, jsonb, integer) FROM PUBLIC;
  REVOKE ALL ON FUNCTION cockpit_wf_dispatch(uuid, uuid, integer) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION cockpit_wf_dispatch(uuid, uuid, integer) TO cockpit_app;
  REVOKE ALL ON FUNCTION cockpit_wf_settled(jsonb, uuid, uuid) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION cockpit_wf_settled(jsonb, uuid, uuid) TO cockpit_app;
`;

/**
 * The DAG runner: workflows and their nodes. A node row is the unit of idempotency (one per
 * workflow and key); `pending_needs` counts the needs not yet succeeded, so a success unblocks its
 * dependents without rescanning the DAG; `lease_until` tells a live attempt from an abandoned one.
 */
export class Workflows1763900500000 implements MigrationInterface {
  name = 'Workflows1763900500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE workflows (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        project_id uuid,
        run_id text,
        name text NOT NULL,
        kind text NOT NULL,
        status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
        input jsonb NOT NULL,
        max_concurrency integer NOT NULL CHECK (max_concurrency > 0),
        started_by jsonb NOT NULL,
        error text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        -- set by the one process that runs the kind's finished hooks
        finish_handled_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id) ON DELETE CASCADE
      );
      CREATE INDEX workflows_created_idx ON workflows (tenant_id, created_at DESC, id DESC);
      CREATE INDEX workflows_kind_idx ON workflows (tenant_id, kind, created_at DESC, id DESC);
      CREATE INDEX workflows_status_idx ON workflows (tenant_id, status, created_at DESC, id DESC);
      -- recovery scans: running workflows, and finished ones whose hooks have not run
      CREATE INDEX workflows_running_idx ON workflows (tenant_id, id) WHERE status = 'running';
      CREATE INDEX workflows_finish_pending_idx ON workflows (finished_at)
        WHERE finished_at IS NOT NULL AND finish_handled_at IS NULL;

      CREATE TABLE workflow_nodes (
        tenant_id uuid NOT NULL,
        workflow_id uuid NOT NULL,
        key text NOT NULL,
        ordinal integer NOT NULL,
        type text NOT NULL,
        label text,
        needs text[] NOT NULL,
        dependents text[] NOT NULL,
        pending_needs integer NOT NULL,
        input jsonb NOT NULL,
        status text NOT NULL CHECK (status IN (${NODE_STATUSES})),
        attempts integer NOT NULL DEFAULT 0,
        max_attempts integer NOT NULL,
        timeout_ms integer NOT NULL,
        backoff_ms integer NOT NULL,
        output jsonb,
        state jsonb,
        error text,
        waiting_for text,
        not_before timestamptz,
        dispatches integer NOT NULL DEFAULT 0,
        worker_id text,
        lease_until timestamptz,
        queued_at timestamptz,
        started_at timestamptz,
        finished_at timestamptz,
        PRIMARY KEY (tenant_id, workflow_id, key),
        FOREIGN KEY (tenant_id, workflow_id) REFERENCES workflows (tenant_id, id) ON DELETE CASCADE
      );
      -- dispatch: in-flight counts, due nodes in order, and whether anything is left to succeed.
      -- Each ends in key where it could serve a lookup by key: without statistics (PGlite never
      -- analyzes, new tables wait for autovacuum) the planner may pick any of them for one.
      CREATE INDEX workflow_nodes_inflight_idx ON workflow_nodes (tenant_id, workflow_id, key)
        WHERE status IN ('queued', 'running');
      CREATE INDEX workflow_nodes_due_idx ON workflow_nodes (tenant_id, workflow_id, status, ordinal)
        WHERE status IN ('ready', 'waiting');
      CREATE INDEX workflow_nodes_unfinished_idx ON workflow_nodes (tenant_id, workflow_id, key)
        WHERE status <> 'succeeded';
      -- recovery: expired leases and nodes queued too long, across tenants
      CREATE INDEX workflow_nodes_lease_idx ON workflow_nodes (lease_until) WHERE status = 'running';
      CREATE INDEX workflow_nodes_queued_idx ON workflow_nodes (queued_at) WHERE status = 'queued';

      GRANT SELECT, INSERT, UPDATE, DELETE ON ${TENANT_SCOPED.join(', ')} TO cockpit_app;
      ${TENANT_SCOPED.map(
        (table) => `
      ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant_scope ON ${table}
        USING (tenant_id = cockpit_setting('app.tenant_id')::uuid)
        WITH CHECK (tenant_id = cockpit_setting('app.tenant_id')::uuid);`,
      ).join('')}

      -- Recovery across tenants, ids only: each piece of work is then done in its tenant's scope.
      -- node: a running node whose lease expired or a node queued too long (enqueue it again);
      -- dispatch: a running workflow with a due node and a free slot; finish: hooks never run.
      CREATE FUNCTION cockpit_stale_workflow_work(queued_for_ms integer, grace_ms integer, max_rows integer)
        RETURNS TABLE (kind text, tenant_id uuid, workflow_id uuid, node_key text, dispatch integer)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $fn$
          (SELECT 'node', n.tenant_id, n.workflow_id, n.key, n.dispatches FROM workflow_nodes n
            WHERE n.status = 'running' AND n.lease_until < now()
            ORDER BY n.lease_until LIMIT max_rows)
          UNION ALL
          (SELECT 'node', n.tenant_id, n.workflow_id, n.key, n.dispatches FROM workflow_nodes n
            WHERE n.status = 'queued' AND n.queued_at <= now() - make_interval(secs => queued_for_ms / 1000.0)
            ORDER BY n.queued_at LIMIT max_rows)
          UNION ALL
          (SELECT 'dispatch', w.tenant_id, w.id, NULL, NULL FROM workflows w
            WHERE w.status = 'running'
              AND EXISTS (
                SELECT 1 FROM workflow_nodes n
                 WHERE n.tenant_id = w.tenant_id AND n.workflow_id = w.id AND n.status IN ('ready', 'waiting')
                   AND (n.not_before IS NULL OR n.not_before < now() - make_interval(secs => grace_ms / 1000.0)))
              AND (SELECT count(*) FROM workflow_nodes n
                    WHERE n.tenant_id = w.tenant_id AND n.workflow_id = w.id
                      AND n.status IN ('queued', 'running')) < w.max_concurrency
            LIMIT max_rows)
          UNION ALL
          (SELECT 'finish', w.tenant_id, w.id, NULL, NULL FROM workflows w
            WHERE w.finished_at IS NOT NULL AND w.finish_handled_at IS NULL
              AND w.finished_at < now() - make_interval(secs => grace_ms / 1000.0)
            LIMIT max_rows)
        $fn$;
      -- Fresh statistics once the tables grew: without them (PGlite never analyzes on its own, and
      -- autovacuum lags behind a burst of new nodes) the planner takes a workflow's nodes for one row
      -- and scans them all on every step. Cheap when nothing changed: it compares sizes only.
      CREATE FUNCTION cockpit_refresh_workflow_stats() RETURNS boolean
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $fn$
        DECLARE
          seen double precision;
          now_pages double precision;
        BEGIN
          SELECT relpages INTO seen FROM pg_class WHERE oid = 'workflow_nodes'::regclass;
          now_pages := pg_relation_size('workflow_nodes'::regclass) / current_setting('block_size')::integer;
          IF now_pages <= 2 * greatest(seen, 0) + 8 THEN
            RETURN false;
          END IF;
          ANALYZE workflow_nodes;
          ANALYZE workflows;
          RETURN true;
        END
        $fn$;
      REVOKE ALL ON FUNCTION cockpit_refresh_workflow_stats() FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION cockpit_refresh_workflow_stats() TO cockpit_app;
      REVOKE ALL ON FUNCTION cockpit_stale_workflow_work(integer, integer, integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION cockpit_stale_workflow_work(integer, integer, integer) TO cockpit_app;
      ${HOT_PATH}
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION IF EXISTS cockpit_wf_claim(uuid, uuid, text, text, integer),
        cockpit_wf_succeed(uuid, uuid, text, text, integer, jsonb),
        cockpit_wf_fail(uuid, uuid, text, text, integer, text, integer),
        cockpit_wf_wait(uuid, uuid, text, text, integer, text, jsonb, integer),
        cockpit_wf_settled(jsonb, uuid, uuid), cockpit_wf_dispatch(uuid, uuid, integer), cockpit_wf_scope(uuid);
      DROP FUNCTION IF EXISTS cockpit_refresh_workflow_stats();
      DROP FUNCTION IF EXISTS cockpit_stale_workflow_work(integer, integer, integer);
      DROP TABLE IF EXISTS workflow_nodes, workflows;
    `);
  }
}
