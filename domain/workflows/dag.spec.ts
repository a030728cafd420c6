import fc from 'fast-check';
import { type NodeSpec, type WorkflowSpec } from './workflow';
import { NODE_DEFAULTS, WORKFLOW_LIMITS, planWorkflow } from './dag';

const node = (key: string, needs: string[] = [], extra: Partial<NodeSpec> = {}): NodeSpec => ({
  key,
  type: 'noop',
  needs,
  input: {},
  ...extra,
});
const spec = (nodes: NodeSpec[], extra: Partial<WorkflowSpec> = {}): WorkflowSpec => ({
  name: 'assess',
  kind: 'goal',
  projectId: null,
  input: {},
  nodes,
  ...extra,
});
const fieldsOf = (result: ReturnType<typeof planWorkflow>) => (result.ok ? [] : result.error.fields);

describe('planWorkflow', () => {
  it('resolves defaults, de-duplicates needs and knows each node dependents', () => {
    const plan = planWorkflow(spec([node('a'), node('b', ['a', 'a']), node('c', ['a', 'b'])]));
    if (!plan.ok) throw new Error(plan.error.message);
    expect(plan.value.maxConcurrency).toBe(8);
    expect(plan.value.nodes.map((n) => [n.key, n.needs, n.dependents, n.ordinal])).toEqual([
      ['a', [], ['b', 'c'], 0],
      ['b', ['a'], ['c'], 1],
      ['c', ['a', 'b'], [], 2],
    ]);
    expect(plan.value.nodes[0]).toMatchObject({
      maxAttempts: NODE_DEFAULTS.maxAttempts,
      timeoutMs: NODE_DEFAULTS.timeoutMs,
      backoffMs: NODE_DEFAULTS.backoffMs,
      label: null,
    });
  });

  it('rejects duplicate keys, unknown needs, self needs and malformed keys, each with its path', () => {
    const result = planWorkflow(
      spec([node('a'), node('a'), node('b', ['ghost']), node('c', ['c']), node('bad key!')]),
    );
    expect(fieldsOf(result)).toEqual([
      { path: 'nodes[1].key', message: 'duplicate key a (also nodes[0])' },
      { path: 'nodes[4].key', message: 'must be 1 to 200 letters, digits or _ . : -' },
      { path: 'nodes[2].needs', message: 'unknown node ghost' },
      { path: 'nodes[3].needs', message: 'c cannot need itself' },
    ]);
  });

  it('rejects a cycle and names the nodes on it', () => {
    const result = planWorkflow(
      spec([node('start'), node('x', ['start', 'z']), node('y', ['x']), node('z', ['y'])]),
    );
    expect(fieldsOf(result)).toEqual([{ path: 'nodes', message: 'the needs form a cycle through x, y, z' }]);
  });

  it('caps the number of nodes with a clear message', () => {
    const many = Array.from({ length: WORKFLOW_LIMITS.maxNodes + 1 }, (_, i) => node(`n${i}`));
    expect(fieldsOf(planWorkflow(spec(many)))).toEqual([
      { path: 'nodes', message: `a workflow has at most ${WORKFLOW_LIMITS.maxNodes} nodes (got 5001)` },
    ]);
    expect(fieldsOf(planWorkflow(spec([])))[0]?.message).toBe('a workflow needs at least one node');
  });

  it('rejects out-of-range attempts, timeouts, backoff and concurrency', () => {
    const result = planWorkflow(
      spec([node('a', [], { maxAttempts: 0, timeoutMs: 1.5, backoffMs: -1 })], { maxConcurrency: 0 }),
    );
    expect(fieldsOf(result).map((f) => f.path)).toEqual(['max_concurrency']);
    const nodeLimits = planWorkflow(spec([node('a', [], { maxAttempts: 0, timeoutMs: 1.5, backoffMs: -1 })]));
    expect(fieldsOf(nodeLimits).map((f) => f.path)).toEqual([
      'nodes[0].max_attempts',
      'nodes[0].timeout_ms',
      'nodes[0].backoff_ms',
    ]);
  });

  it('accepts every DAG whose needs only point backwards, and orders nothing it was not given', () => {
    const dags = fc
      .array(fc.array(fc.nat(), { maxLength: 4 }), { minLength: 1, maxLength: 40 })
      .map((needs) => needs.map((picks, i) => node(`n${i}`, i === 0 ? [] : picks.map((p) => `n${p % i}`))));
    fc.assert(
      fc.property(dags, (nodes) => {
        const plan = planWorkflow(spec(nodes));
        expect(plan.ok).toBe(true);
        if (plan.ok) expect(plan.value.nodes.map((n) => n.key)).toEqual(nodes.map((n) => n.key));
      }),
    );
  });

  it('rejects every graph with a back edge added', () => {
    const cyclic = fc.integer({ min: 2, max: 30 }).map((length) => {
      const nodes = Array.from({ length }, (_, i) => node(`n${i}`, i === 0 ? [] : [`n${i - 1}`]));
      nodes[0] = node('n0', [`n${length - 1}`]);
      return nodes;
    });
    fc.assert(fc.property(cyclic, (nodes) => expect(planWorkflow(spec(nodes)).ok).toBe(false)));
  });
});
