import { WORKFLOW_COLUMNS } from '../mappers/workflow.mapper';

/**
 * The SQL of the workflow repository besides the hot-path functions of the migration (claim,
 * settle, dispatch). Statements that change slots or finish a workflow lock the workflow row first
 * (`FOR UPDATE`, or an UPDATE of it), so the order is always workflow, then nodes: no deadlocks,
 * and the in-flight count a dispatch reads cannot be stale. $1 is the tenant, $2 the workflow.
 */

const ms = (param: string) => `${param}::int * interval '1 millisecond'`;

export const INSERT_WORKFLOW = `
INSERT INTO workflows (tenant_id, id, project_id, run_id, name, kind, status, input, max_concurrency, started_by,
                       created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, 'running', $7, $8, $9, $10, $10)`;

/** Nodes without needs start ready; the others count the needs they wait for. */
export const INSERT_NODES = `
INSERT INTO workflow_nodes (tenant_id, workflow_id, key, ordinal, type, label, needs, dependents, pending_needs, input,
                            status, max_attempts, timeout_ms, backoff_ms)
SELECT $1, $2, x.key, x.ordinal, x.type, x.label, x.needs, x.dependents, cardinality(x.needs), x.input,
       CASE WHEN cardinality(x.needs) = 0 THEN 'ready' ELSE 'pending' END, x.max_attempts, x.timeout_ms, x.backoff_ms
  FROM jsonb_to_recordset($3::jsonb) AS x(key text, ordinal integer, type text, label text, needs text[],
       dependents text[], input jsonb, max_attempts integer, timeout_ms integer, backoff_ms integer)`;

export const LOCK_WORKFLOW = `
SELECT status, max_concurrency FROM workflows WHERE tenant_id = $1 AND id = $2 FOR UPDATE`;

/** $3 reason. Running nodes keep running until their handlers see the signal and return. */
export const CANCEL = `
WITH stopped AS (
  UPDATE workflows SET status = 'cancelled', error = $3, finished_at = now(), updated_at = now()
   WHERE tenant_id = $1 AND id = $2 AND status = 'running'
  RETURNING ${WORKFLOW_COLUMNS}
), nodes AS (
  UPDATE workflow_nodes SET status = 'cancelled', finished_at = now()
   WHERE tenant_id = $1 AND workflow_id = $2 AND status IN ('pending', 'ready', 'queued', 'waiting')
     AND EXISTS (SELECT 1 FROM stopped)
  RETURNING key
)
SELECT (SELECT to_jsonb(s) FROM stopped s) AS stopped, (SELECT count(*) FROM nodes)::int AS cancelled`;

/** Failed, cancelled and skipped nodes start over; ready when their needs all succeeded already. */
export const RESET_UNFINISHED = `
UPDATE workflow_nodes d
   SET status = CASE WHEN x.left_needs = 0 THEN 'ready' ELSE 'pending' END, pending_needs = x.left_needs,
       attempts = 0, error = NULL, output = NULL, state = NULL, waiting_for = NULL, not_before = NULL,
       worker_id = NULL, lease_until = NULL, started_at = NULL, finished_at = NULL
  FROM (SELECT r.key,
               (SELECT count(*) FROM workflow_nodes u
                 WHERE u.tenant_id = $1 AND u.workflow_id = $2 AND u.key = ANY (r.needs)
                   AND u.status <> 'succeeded')::int AS left_needs
          FROM workflow_nodes r
         WHERE r.tenant_id = $1 AND r.workflow_id = $2
           AND r.status IN ('failed', 'cancelled', 'skipped', 'pending')) x
 WHERE d.tenant_id = $1 AND d.workflow_id = $2 AND d.key = x.key`;

export const RESTART_WORKFLOW = `
UPDATE workflows SET status = 'running', error = NULL, finished_at = NULL, finish_handled_at = NULL, updated_at = now()
 WHERE tenant_id = $1 AND id = $2
RETURNING ${WORKFLOW_COLUMNS}`;

/** $2 worker, $3 held nodes as JSON, $4 lease ms. */
export const RENEW_LEASES = `
WITH held AS (
  SELECT * FROM jsonb_to_recordset($3::jsonb) AS h(workflow_id uuid, key text, attempt integer)
), renewed AS (
  UPDATE workflow_nodes n SET lease_until = now() + ${ms('$4')}
    FROM held h
   WHERE n.tenant_id = $1 AND n.workflow_id = h.workflow_id AND n.key = h.key AND n.attempts = h.attempt
     AND n.status = 'running' AND n.worker_id = $2
  RETURNING n.workflow_id, n.key
)
SELECT h.workflow_id, h.key, h.attempt, (r.key IS NOT NULL) AS held, w.status AS workflow_status
  FROM held h
  LEFT JOIN renewed r ON r.workflow_id = h.workflow_id AND r.key = h.key
  LEFT JOIN workflows w ON w.tenant_id = $1 AND w.id = h.workflow_id`;

export const CLAIM_FINISH = `
UPDATE workflows SET finish_handled_at = now()
 WHERE tenant_id = $1 AND id = $2 AND status <> 'running' AND finish_handled_at IS NULL
RETURNING ${WORKFLOW_COLUMNS}`;
