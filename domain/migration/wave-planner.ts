import { stronglyConnected } from './dependency-graph';
import { STAYS_PUT, type Strategy } from './strategy';
import { type Criticality, nameKey } from './workload-facts';

export interface PlannableWorkload {
  readonly id: string;
  readonly name: string;
  readonly dependencies: readonly string[];
  readonly strategy: Strategy;
  /** Readiness total, 0–100. */
  readonly readiness: number;
  readonly criticality: Criticality;
}

export interface WaveCaps {
  /** Workloads per wave. */
  readonly maxWaveSize: number;
  /** Sum of the workloads' risk per wave. */
  readonly maxWaveRisk: number;
}

export const DEFAULT_WAVE_CAPS: WaveCaps = { maxWaveSize: 10, maxWaveRisk: 40 };

export interface PlannedWorkload {
  readonly id: string;
  readonly name: string;
  readonly strategy: Strategy;
  readonly readiness: number;
  readonly risk: number;
  /** Index of its move group: workloads in one dependency cycle share it and move together. */
  readonly group: number;
}

export interface Wave {
  /** 1-based. */
  readonly number: number;
  readonly workloads: readonly PlannedWorkload[];
  readonly risk: number;
  /** A single move group larger than the caps: it cannot be split, so it gets a wave of its own. */
  readonly oversized: boolean;
}

export interface WavePlan {
  readonly waves: readonly Wave[];
  readonly excluded: readonly { id: string; name: string; strategy: Strategy; reason: string }[];
  /** Move groups of more than one workload (dependency cycles), by name. */
  readonly cycles: readonly (readonly string[])[];
  readonly notes: readonly string[];
}

const CRITICALITY_RISK: Readonly<Record<Criticality, number>> = { low: 1, medium: 2, high: 3, critical: 4 };

/** 1–9: criticality plus how far from ready it is. */
export function workloadRisk(criticality: Criticality, readiness: number): number {
  const r = CRITICALITY_RISK[criticality] + Math.round((100 - Math.max(0, Math.min(100, readiness))) / 20);
  return Math.max(1, Math.min(9, r));
}

interface Group {
  readonly index: number;
  readonly members: readonly PlannedWorkload[];
  readonly needs: ReadonlySet<number>;
  readonly risk: number;
  readonly readiness: number;
  readonly label: string;
}

/**
 * Waves from the dependency graph. Retire and retain stay out. Workloads in one strongly
 * connected component form a move group and share a wave; every other dependency moves in an
 * earlier wave than its dependents. Within those rules, waves are filled greedily (least risk and
 * most ready first) up to the size and risk caps.
 */
export function planWaves(items: readonly PlannableWorkload[], caps: WaveCaps = DEFAULT_WAVE_CAPS): WavePlan {
  const notes: string[] = [];
  const excluded = items
    .filter((w) => STAYS_PUT.has(w.strategy))
    .map((w) => ({
      id: w.id,
      name: w.name,
      strategy: w.strategy,
      reason: w.strategy === 'retire' ? 'retired: decommissioned, not migrated' : 'retained on premises',
    }));
  const moving = items.filter((w) => !STAYS_PUT.has(w.strategy));
  const byName = new Map(moving.map((w) => [nameKey(w.name), w.id]));
  const stayingNames = new Map(excluded.map((w) => [nameKey(w.name), w]));
  const edges = new Map<string, string[]>();
  for (const w of moving) {
    const targets = new Set<string>();
    for (const dependency of w.dependencies) {
      const target = byName.get(nameKey(dependency));
      if (target !== undefined && target !== w.id) targets.add(target);
      const staying = stayingNames.get(nameKey(dependency));
      if (staying && staying.strategy === 'retain') {
        notes.push(`${w.name} depends on ${staying.name}, which stays on premises: keep hybrid connectivity`);
      }
    }
    edges.set(w.id, [...targets]);
  }
  const components = stronglyConnected(
    moving.map((w) => w.id),
    edges,
  );
  const groupOf = new Map<string, number>();
  components.forEach((members, index) => members.forEach((id) => groupOf.set(id, index)));
  const byId = new Map(moving.map((w) => [w.id, w]));
  const groups: Group[] = components.map((ids, index) => {
    const members = ids
      .map((id) => byId.get(id) as PlannableWorkload)
      .map((w) => ({
        id: w.id,
        name: w.name,
        strategy: w.strategy,
        readiness: w.readiness,
        risk: workloadRisk(w.criticality, w.readiness),
        group: index,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const needs = new Set<number>();
    for (const id of ids) for (const t of edges.get(id) ?? []) needs.add(groupOf.get(t) as number);
    needs.delete(index);
    return {
      index,
      members,
      needs,
      risk: members.reduce((s, m) => s + m.risk, 0),
      readiness: members.reduce((s, m) => s + m.readiness, 0) / members.length,
      label: members[0]?.name ?? '',
    };
  });

  const waveOf = new Map<number, number>();
  const waves: Wave[] = [];
  while (waveOf.size < groups.length) {
    const number = waves.length + 1;
    const ready = groups
      .filter((g) => !waveOf.has(g.index) && [...g.needs].every((n) => (waveOf.get(n) ?? Infinity) < number))
      .sort((a, b) => a.risk - b.risk || b.readiness - a.readiness || a.label.localeCompare(b.label));
    const chosen: Group[] = [];
    let size = 0;
    let risk = 0;
    for (const g of ready) {
      const fits = size + g.members.length <= caps.maxWaveSize && risk + g.risk <= caps.maxWaveRisk;
      if (!fits && chosen.length > 0) continue;
      chosen.push(g);
      size += g.members.length;
      risk += g.risk;
      if (!fits) break;
    }
    for (const g of chosen) waveOf.set(g.index, number);
    const oversized = size > caps.maxWaveSize || risk > caps.maxWaveRisk;
    if (oversized)
      notes.push(`wave ${number}: move group of ${chosen[0]?.label} exceeds the caps and cannot be split`);
    waves.push({
      number,
      workloads: chosen.flatMap((g) => g.members),
      risk,
      oversized,
    });
  }
  const cycles = groups.filter((g) => g.members.length > 1).map((g) => g.members.map((m) => m.name));
  return { waves, excluded, cycles, notes: [...new Set(notes)] };
}
