import { DomainError, type FieldError } from '../shared/domain-error';
import { type Result, err, ok } from '../shared/result';
import { type JsonObject, type NodeSpec, type WorkflowSpec } from './workflow';

export const NODE_KEY_PATTERN = /^[\w.:-]{1,200}$/;
const KIND_PATTERN = /^[\w.:-]{1,64}$/;

export const WORKFLOW_LIMITS = {
  /** A bigger DAG belongs in several workflows: every node is a row and a dispatch. */
  maxNodes: 5000,
  maxAttempts: 20,
  maxTimeoutMs: 24 * 60 * 60 * 1000,
  maxBackoffMs: 60 * 60 * 1000,
  maxConcurrency: 1000,
} as const;

export const NODE_DEFAULTS = { maxAttempts: 3, timeoutMs: 60_000, backoffMs: 1000 } as const;
export const DEFAULT_WORKFLOW_CONCURRENCY = 8;

/** A node as it will be stored: defaults applied, needs de-duplicated, dependents known. */
export interface PlannedNode {
  readonly key: string;
  readonly type: string;
  readonly label: string | null;
  readonly needs: readonly string[];
  /** The nodes that list this one in their needs: whom its success may unblock. */
  readonly dependents: readonly string[];
  readonly input: JsonObject;
  readonly maxAttempts: number;
  readonly timeoutMs: number;
  readonly backoffMs: number;
  /** Position in the spec: ready nodes are dispatched in this order. */
  readonly ordinal: number;
}

export interface WorkflowPlan {
  readonly name: string;
  readonly kind: string;
  readonly projectId: string | null;
  readonly runId: string | null;
  readonly input: JsonObject;
  readonly maxConcurrency: number;
  readonly nodes: readonly PlannedNode[];
}

/**
 * Checks a workflow spec (unique keys, known needs, no cycle, sane limits) and resolves defaults.
 * Every problem is reported with its path, so a caller can fix the spec in one go.
 */
export function planWorkflow(spec: WorkflowSpec): Result<WorkflowPlan> {
  const problems: FieldError[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });

  const name = typeof spec.name === 'string' ? spec.name.trim() : '';
  if (name.length < 1 || name.length > 200) problem('name', 'must be between 1 and 200 characters');
  if (typeof spec.kind !== 'string' || !KIND_PATTERN.test(spec.kind)) {
    problem('kind', 'must be 1 to 64 letters, digits or _ . : -');
  }
  if (!isObject(spec.input)) problem('input', 'must be a JSON object');
  const maxConcurrency = spec.maxConcurrency ?? DEFAULT_WORKFLOW_CONCURRENCY;
  if (!isIntIn(maxConcurrency, 1, WORKFLOW_LIMITS.maxConcurrency)) {
    problem('max_concurrency', `must be an integer from 1 to ${WORKFLOW_LIMITS.maxConcurrency}`);
  }
  if (!Array.isArray(spec.nodes) || spec.nodes.length === 0) {
    problem('nodes', 'a workflow needs at least one node');
  } else if (spec.nodes.length > WORKFLOW_LIMITS.maxNodes) {
    problem('nodes', `a workflow has at most ${WORKFLOW_LIMITS.maxNodes} nodes (got ${spec.nodes.length})`);
  }
  if (problems.length > 0) return invalid(problems);

  const positions = new Map<string, number>();
  spec.nodes.forEach((node, i) => {
    if (typeof node.key !== 'string' || !NODE_KEY_PATTERN.test(node.key)) {
      problem(`nodes[${i}].key`, 'must be 1 to 200 letters, digits or _ . : -');
    } else if (positions.has(node.key)) {
      problem(`nodes[${i}].key`, `duplicate key ${node.key} (also nodes[${positions.get(node.key)}])`);
    } else {
      positions.set(node.key, i);
    }
  });
  spec.nodes.forEach((node, i) => checkNode(node, i, positions, problem));
  if (problems.length > 0) return invalid(problems);

  const nodes = spec.nodes.map((node, ordinal) => ({ node, ordinal, needs: [...new Set(node.needs)] }));
  const dependents = new Map<string, string[]>(nodes.map(({ node }) => [node.key, []]));
  for (const { node, needs } of nodes) for (const need of needs) dependents.get(need)?.push(node.key);

  const cycle = findCycle(
    nodes.map(({ node, needs }) => ({ key: node.key, needs })),
    dependents,
  );
  if (cycle.length > 0) {
    return invalid([
      { path: 'nodes', message: `the needs form a cycle through ${cycle.slice(0, 10).join(', ')}` },
    ]);
  }

  return ok({
    name,
    kind: spec.kind,
    projectId: spec.projectId ?? null,
    runId: spec.runId ?? null,
    input: spec.input,
    maxConcurrency,
    nodes: nodes.map(({ node, ordinal, needs }) => ({
      key: node.key,
      type: node.type,
      label: node.label?.trim() || null,
      needs,
      dependents: dependents.get(node.key) ?? [],
      input: node.input,
      maxAttempts: node.maxAttempts ?? NODE_DEFAULTS.maxAttempts,
      timeoutMs: node.timeoutMs ?? NODE_DEFAULTS.timeoutMs,
      backoffMs: node.backoffMs ?? NODE_DEFAULTS.backoffMs,
      ordinal,
    })),
  });
}

function checkNode(
  node: NodeSpec,
  i: number,
  keys: ReadonlyMap<string, number>,
  problem: (path: string, message: string) => void,
): void {
  const at = `nodes[${i}]`;
  if (typeof node.type !== 'string' || node.type.length < 1 || node.type.length > 100) {
    problem(`${at}.type`, 'must be a registered node type');
  }
  if (!isObject(node.input)) problem(`${at}.input`, 'must be a JSON object');
  if (node.label !== undefined && (typeof node.label !== 'string' || node.label.length > 200)) {
    problem(`${at}.label`, 'must be at most 200 characters');
  }
  if (!Array.isArray(node.needs)) {
    problem(`${at}.needs`, 'must be a list of node keys');
  } else {
    for (const need of node.needs) {
      if (need === node.key) problem(`${at}.needs`, `${node.key} cannot need itself`);
      else if (!keys.has(need)) problem(`${at}.needs`, `unknown node ${String(need)}`);
    }
  }
  const limits: [keyof NodeSpec, number, number][] = [
    ['maxAttempts', 1, WORKFLOW_LIMITS.maxAttempts],
    ['timeoutMs', 1, WORKFLOW_LIMITS.maxTimeoutMs],
    ['backoffMs', 0, WORKFLOW_LIMITS.maxBackoffMs],
  ];
  for (const [field, min, max] of limits) {
    const value = node[field];
    if (value !== undefined && !isIntIn(value, min, max)) {
      problem(`${at}.${snake(field)}`, `must be an integer from ${min} to ${max}`);
    }
  }
}

/** Kahn's algorithm: whatever cannot be ordered sits on (or behind) a cycle. */
function findCycle(
  nodes: readonly { key: string; needs: readonly string[] }[],
  dependents: ReadonlyMap<string, readonly string[]>,
): string[] {
  const remaining = new Map(nodes.map((n) => [n.key, n.needs.length]));
  const ready = nodes.filter((n) => n.needs.length === 0).map((n) => n.key);
  while (ready.length > 0) {
    const key = ready.pop() as string;
    remaining.delete(key);
    for (const dependent of dependents.get(key) ?? []) {
      const left = (remaining.get(dependent) ?? 0) - 1;
      remaining.set(dependent, left);
      if (left === 0) ready.push(dependent);
    }
  }
  return [...remaining.keys()];
}

const invalid = (fields: readonly FieldError[]) =>
  err(DomainError.validation('the workflow is not a valid DAG', fields, 'invalid_workflow'));

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isIntIn = (value: unknown, min: number, max: number): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
