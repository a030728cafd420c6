import { nameKey } from './workload-facts';

export interface GraphNode {
  readonly id: string;
  readonly name: string;
  /** Names, as the inventory gives them. */
  readonly dependencies: readonly string[];
}

export interface DependencyGraph {
  readonly ids: readonly string[];
  /** id → ids of the inventory workloads it depends on. */
  readonly edges: ReadonlyMap<string, readonly string[]>;
  /** id → dependency names that match no workload of the inventory. */
  readonly missing: ReadonlyMap<string, readonly string[]>;
  readonly dependents: ReadonlyMap<string, number>;
  /** Strongly connected components (Tarjan), each a set of workloads that depend on each other in a cycle. */
  readonly components: readonly (readonly string[])[];
  readonly componentOf: ReadonlyMap<string, number>;
}

/** What readiness needs to know about a workload's place in the graph. */
export interface DependencyContext {
  readonly dependencies: number;
  readonly dependents: number;
  /** Members of its strongly connected component, itself included (1: not in a cycle). */
  readonly cycleSize: number;
  readonly missing: readonly string[];
}

export const NO_DEPENDENCIES: DependencyContext = {
  dependencies: 0,
  dependents: 0,
  cycleSize: 1,
  missing: [],
};

export function dependencyGraph(nodes: readonly GraphNode[]): DependencyGraph {
  const byName = new Map(nodes.map((n) => [nameKey(n.name), n.id]));
  const edges = new Map<string, string[]>();
  const missing = new Map<string, string[]>();
  const dependents = new Map<string, number>(nodes.map((n) => [n.id, 0]));
  for (const node of nodes) {
    const targets = new Set<string>();
    const unknown: string[] = [];
    for (const dependency of node.dependencies) {
      const target = byName.get(nameKey(dependency));
      if (target === undefined) unknown.push(dependency);
      else if (target !== node.id) targets.add(target);
    }
    edges.set(node.id, [...targets]);
    missing.set(node.id, unknown);
    for (const target of targets) dependents.set(target, (dependents.get(target) ?? 0) + 1);
  }
  const ids = nodes.map((n) => n.id);
  const components = stronglyConnected(ids, edges);
  const componentOf = new Map<string, number>();
  components.forEach((members, index) => members.forEach((id) => componentOf.set(id, index)));
  return { ids, edges, missing, dependents, components, componentOf };
}

export function contextOf(graph: DependencyGraph, id: string): DependencyContext {
  const component = graph.componentOf.get(id);
  return {
    dependencies: graph.edges.get(id)?.length ?? 0,
    dependents: graph.dependents.get(id) ?? 0,
    cycleSize: component === undefined ? 1 : (graph.components[component]?.length ?? 1),
    missing: graph.missing.get(id) ?? [],
  };
}

/**
 * Tarjan's algorithm, iterative so that a 10,000-workload chain cannot overflow the stack.
 * Components come out in reverse topological order: every component's dependencies come before it.
 */
export function stronglyConnected(
  ids: readonly string[],
  edges: ReadonlyMap<string, readonly string[]>,
): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const frames: { id: string; next: number }[] = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter);
    counter++;
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as { id: string; next: number };
      const targets = edges.get(frame.id) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++] as string;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter);
          counter++;
          stack.push(target);
          onStack.add(target);
          frames.push({ id: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.id, Math.min(low.get(frame.id) as number, index.get(target) as number));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(frame.id) as number));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        components.push(component.reverse());
      }
    }
  }
  return components;
}
