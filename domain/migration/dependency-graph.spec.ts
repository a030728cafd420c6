import { contextOf, dependencyGraph, stronglyConnected } from './dependency-graph';

describe('dependency graph', () => {
  it('finds the cycles and counts dependents, ignoring case and unknown names', () => {
    const graph = dependencyGraph([
      { id: '1', name: 'web', dependencies: ['API'] },
      { id: '2', name: 'api', dependencies: ['auth', 'ldap'] },
      { id: '3', name: 'auth', dependencies: ['api'] },
      { id: '4', name: 'batch', dependencies: [] },
    ]);
    const cycle = graph.components.find((c) => c.length > 1);
    expect([...(cycle ?? [])].sort()).toEqual(['2', '3']);
    expect(contextOf(graph, '2')).toEqual({
      dependencies: 1,
      dependents: 2,
      cycleSize: 2,
      missing: ['ldap'],
    });
    expect(contextOf(graph, '4')).toEqual({ dependencies: 0, dependents: 0, cycleSize: 1, missing: [] });
  });

  it('emits components dependencies-first', () => {
    const edges = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', []],
    ]);
    expect(stronglyConnected(['a', 'b', 'c'], edges)).toEqual([['c'], ['b'], ['a']]);
  });

  it('handles a chain of 20,000 workloads without overflowing the stack', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `n${i}`);
    const edges = new Map(ids.map((id, i) => [id, i + 1 < ids.length ? [`n${i + 1}`] : []]));
    edges.set('n19999', ['n0']);
    expect(stronglyConnected(ids, edges)).toHaveLength(1);
  });
});
