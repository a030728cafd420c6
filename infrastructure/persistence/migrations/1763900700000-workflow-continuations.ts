import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { CLAIM_V1, DISPATCH_V1, SUCCEED_V1 } from './1763900500000-workflows';

/*
 * Lookups by key are single-key equalities in loops (the primary key, always): with an array of
 * keys the planner may, on stale statistics (a burst of new nodes), scan the workflow's nodes and
 * filter them instead, on every settlement.
 */

/**
 * The dispatch, cheaper per call: due nodes are queued one key at a time, and whether every node
 * succeeded is asked only when nothing is queued or running (the first version joined due nodes
 * against the chosen ones and scanned the workflow's nodes on every settlement).
 */
const DISPATCH_V2 = `
  CREATE OR REPLACE FUNCTION cockpit_wf_dispatch(uuid, uuid, integer) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $fn$
    DECLARE
      busy integer;
      due_key text;
      due_dispatch integer;
      queued_keys jsonb := '[]';
      finished_row jsonb;
    BEGIN
      SELECT count(*) INTO busy FROM workflow_nodes
       WHERE tenant_id = $1 AND workflow_id = $2 AND status IN ('queued', 'running');
      IF busy < $3 THEN
        FOR due_key IN
          SELECT due.key FROM (
            (SELECT key, ordinal FROM workflow_nodes
              WHERE tenant_id = $1 AND workflow_id = $2 AND status = 'ready'
                AND (not_before IS NULL OR not_before <= now())
              ORDER BY ordinal LIMIT $3 - busy)
            UNION ALL
            (SELECT key, ordinal FROM workflow_nodes
              WHERE tenant_id = $1 AND workflow_id = $2 AND status = 'waiting' AND not_before <= now()
              ORDER BY ordinal LIMIT $3 - busy)
          ) due ORDER BY due.ordinal LIMIT $3 - busy
        LOOP
          UPDATE workflow_nodes n
             SET status = 'queued', dispatches = n.dispatches + 1, queued_at = now(), not_before = NULL
           WHERE n.tenant_id = $1 AND n.workflow_id = $2 AND n.key = due_key AND n.status IN ('ready', 'waiting')
          RETURNING n.dispatches INTO due_dispatch;
          IF FOUND THEN
            queued_keys := queued_keys || jsonb_build_array(jsonb_build_array(due_key, due_dispatch));
          END IF;
        END LOOP;
      END IF;
      IF busy = 0 AND jsonb_array_length(queued_keys) = 0 THEN
        UPDATE workflows w SET status = 'succeeded', finished_at = now(), updated_at = now()
         WHERE w.tenant_id = $1 AND w.id = $2 AND w.status = 'running'
           AND NOT EXISTS (SELECT 1 FROM workflow_nodes x
                            WHERE x.tenant_id = $1 AND x.workflow_id = $2 AND x.status <> 'succeeded')
        RETURNING to_jsonb(w) INTO finished_row;
      END IF;
      RETURN jsonb_build_object('queued', queued_keys, 'finished', finished_row);
    END
    $fn$;
`;

/** The outputs of a node's needs, by key: what a claim and a continuation hand to the handler. */
const UPSTREAM = `
  CREATE FUNCTION cockpit_wf_upstream(tenant uuid, workflow uuid, needs text[]) RETURNS jsonb
    LANGUAGE plpgsql STABLE SET search_path FROM CURRENT AS $fn$
    DECLARE
      upstream jsonb := '{}';
      need text;
      need_output jsonb;
    BEGIN
      FOREACH need IN ARRAY coalesce(needs, '{}') LOOP
        SELECT u.output INTO need_output FROM workflow_nodes u
         WHERE u.tenant_id = tenant AND u.workflow_id = workflow AND u.key = need;
        upstream := upstream || jsonb_build_object(need, need_output);
      END LOOP;
      RETURN upstream;
    END
    $fn$;
  REVOKE ALL ON FUNCTION cockpit_wf_upstream(uuid, uuid, text[]) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION cockpit_wf_upstream(uuid, uuid, text[]) TO cockpit_app;
`;

const CLAIM_UPSTREAM_V1 = `(SELECT jsonb_object_agg(u.key, u.output)
                              FROM unnest((SELECT needs FROM claimed)) AS k(key)
                              JOIN workflow_nodes u ON u.tenant_id = $1 AND u.workflow_id = $2 AND u.key = k.key)`;

/** The claim, with its upstream outputs looked up key by key. */
const CLAIM_V2 = CLAIM_V1.replace(
  CLAIM_UPSTREAM_V1,
  'cockpit_wf_upstream($1, $2, (SELECT needs FROM claimed))',
);

/** A success, step by step: each dependent counts one need less; the last need makes it ready. */
const SUCCEED_V2 = `
  CREATE OR REPLACE FUNCTION cockpit_wf_succeed(uuid, uuid, text, text, integer, jsonb) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $fn$
    DECLARE
      wf_status text;
      wf_max integer;
      done_row jsonb;
      deps text[];
      dep text;
      unblocked integer := 0;
    BEGIN
      PERFORM cockpit_wf_scope($1);
      SELECT status, max_concurrency INTO wf_status, wf_max
        FROM workflows WHERE tenant_id = $1 AND id = $2 FOR UPDATE;
      IF FOUND THEN
        UPDATE workflow_nodes n
           SET status = 'succeeded', output = $6, state = NULL, error = NULL, waiting_for = NULL,
               finished_at = now(), lease_until = NULL
         WHERE n.tenant_id = $1 AND n.workflow_id = $2 AND n.key = $3 AND n.status = 'running'
           AND n.worker_id = $4 AND n.attempts = $5
        RETURNING to_jsonb(n), n.dependents INTO done_row, deps;
      END IF;
      FOREACH dep IN ARRAY coalesce(deps, '{}') LOOP
        UPDATE workflow_nodes d
           SET pending_needs = d.pending_needs - 1,
               status = CASE WHEN d.status = 'pending' AND d.pending_needs <= 1 THEN 'ready' ELSE d.status END
         WHERE d.tenant_id = $1 AND d.workflow_id = $2 AND d.key = dep;
        unblocked := unblocked + 1;
      END LOOP;
      RETURN cockpit_wf_settled(
        jsonb_build_object('node', done_row, 'workflow_status', wf_status, 'max_concurrency', wf_max,
                           'unblocked', unblocked),
        $1, $2);
    END
    $fn$;
`;

/**
 * Batched settlements with continuations and a cheaper dispatch, for the runner's hot path:
 * - `cockpit_wf_settle_all` records several outcomes of one workflow in one transaction (one
 *   round trip, one commit, one wait for the workflow's row lock instead of one per node): a
 *   process sends the outcomes that arrived while its previous settlement was in flight;
 * - a settlement may claim the first node it queued for the worker that settled (a continuation,
 *   still under the workflow's row lock), so a chain of nodes runs without a queue hop or a claim
 *   round trip per node.
 * Each outcome goes through the per-node settlement functions of the workflows migration, so the
 * rules (attempt ownership, unblocking, retries, skipping, finishing) stay in one place; those
 * functions switch to the application role, so the owner's role is restored before each.
 */
export class WorkflowContinuations1763900700000 implements MigrationInterface {
  name = 'WorkflowContinuations1763900700000';

  async up(q: QueryRunner): Promise<void> {
    if (CLAIM_V2 === CLAIM_V1) throw new Error('the upstream lookup of the claim to replace was not found');
    await q.query(UPSTREAM);
    await q.query(CLAIM_V2);
    await q.query(DISPATCH_V2);
    await q.query(SUCCEED_V2);
    await q.query(`
      -- Called in a settlement's tenant scope with its result: claims the first node the
      -- settlement queued for worker and takes it off the list of nodes to hand to the queue.
      CREATE FUNCTION cockpit_wf_continue(result jsonb, tenant uuid, workflow uuid, worker text, lease integer)
        RETURNS jsonb LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $fn$
        DECLARE
          next_key text := result->'dispatch'->'queued'->0->>0;
          next_node jsonb;
        BEGIN
          IF lease IS NULL OR next_key IS NULL THEN
            RETURN result;
          END IF;
          UPDATE workflow_nodes n
             SET status = 'running', attempts = n.attempts + 1, worker_id = worker, started_at = now(),
                 finished_at = NULL, lease_until = now() + lease * interval '1 millisecond', not_before = NULL
           WHERE n.tenant_id = tenant AND n.workflow_id = workflow AND n.key = next_key AND n.status = 'queued'
          RETURNING to_jsonb(n) INTO next_node;
          IF next_node IS NULL THEN
            RETURN result;
          END IF;
          RETURN jsonb_set(result, '{dispatch,queued}', (result->'dispatch'->'queued') - 0)
            || jsonb_build_object('next', jsonb_build_object('node', next_node, 'upstream',
                 cockpit_wf_upstream(tenant, workflow, ARRAY(SELECT jsonb_array_elements_text(next_node->'needs')))));
        END
        $fn$;

      -- outcomes: [{kind: succeeded | failed | waiting, key, attempt, lease (ms or null: no
      -- continuation), output | error + retry_ms | reason + state + retry_ms}], in order. Returns
      -- one settlement per outcome, in the same order.
      CREATE FUNCTION cockpit_wf_settle_all(tenant uuid, workflow uuid, worker text, outcomes jsonb)
        RETURNS jsonb LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $fn$
        DECLARE
          owner text := current_user;
          item jsonb;
          settled jsonb;
          results jsonb := '[]';
        BEGIN
          FOR item IN SELECT value FROM jsonb_array_elements(outcomes) LOOP
            PERFORM set_config('role', owner, true);
            settled := CASE item->>'kind'
              WHEN 'succeeded' THEN cockpit_wf_succeed(tenant, workflow, item->>'key', worker,
                (item->>'attempt')::integer, item->'output')
              WHEN 'failed' THEN cockpit_wf_fail(tenant, workflow, item->>'key', worker,
                (item->>'attempt')::integer, item->>'error', (item->>'retry_ms')::integer)
              WHEN 'waiting' THEN cockpit_wf_wait(tenant, workflow, item->>'key', worker,
                (item->>'attempt')::integer, item->>'reason', item->'state', (item->>'retry_ms')::integer)
            END;
            IF settled IS NULL THEN
              RAISE EXCEPTION 'unknown settlement kind %', item->>'kind';
            END IF;
            results := results || jsonb_build_array(
              cockpit_wf_continue(settled, tenant, workflow, worker, (item->>'lease')::integer));
          END LOOP;
          RETURN results;
        END
        $fn$;

      REVOKE ALL ON FUNCTION cockpit_wf_continue(jsonb, uuid, uuid, text, integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION cockpit_wf_continue(jsonb, uuid, uuid, text, integer) TO cockpit_app;
      REVOKE ALL ON FUNCTION cockpit_wf_settle_all(uuid, uuid, text, jsonb) FROM PUBLIC;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION IF EXISTS cockpit_wf_settle_all(uuid, uuid, text, jsonb),
        cockpit_wf_continue(jsonb, uuid, uuid, text, integer)`);
    await q.query(DISPATCH_V1);
    await q.query(SUCCEED_V1);
    await q.query(CLAIM_V1);
    await q.query('DROP FUNCTION IF EXISTS cockpit_wf_upstream(uuid, uuid, text[])');
  }
}
