import { contextOf, dependencyGraph } from './dependency-graph';
import { type PriceCatalog } from './ports/price-catalog.port';
import { scoreReadiness } from './readiness';
import { recommendStrategy } from './strategy';
import { estimateTco } from './tco';
import { type PlannableWorkload } from './wave-planner';
import { type Assessment, type BusinessGoals, EQUAL_GOALS, type Workload } from './workload.entity';

export interface AssessmentSettings {
  readonly goals: BusinessGoals;
  readonly catalog: PriceCatalog;
  readonly region: string;
  readonly now: Date;
}

/**
 * Assesses workloads against the whole inventory: dependency complexity depends on who else is
 * in it. `only` limits which workloads get an assessment (the graph still spans all of them).
 */
export function assessPortfolio(
  all: readonly Workload[],
  settings: AssessmentSettings,
  only: ReadonlySet<string> | null = null,
): { id: string; assessment: Assessment }[] {
  const graph = dependencyGraph(all);
  return all
    .filter((w) => only === null || only.has(w.id))
    .map((w) => {
      const readiness = scoreReadiness(w, contextOf(graph, w.id));
      const recommendation = recommendStrategy(w, readiness, settings.goals);
      return {
        id: w.id,
        assessment: {
          readiness,
          recommendation,
          tco: estimateTco(w, recommendation.strategy, settings.catalog, settings.region),
          goals: settings.goals,
          region: settings.region,
          assessedAt: settings.now,
        },
      };
    });
}

/**
 * Every workload with an assessment to plan with: its stored one, or (never assessed, or a
 * re-import cleared it) one computed now with equal goals. Counts how many were computed.
 */
export function withAssessments(
  all: readonly Workload[],
  catalog: PriceCatalog,
  now: Date,
): { workloads: (Workload & { assessment: Assessment })[]; unassessed: number } {
  const missing = new Set(all.filter((w) => w.assessment === null).map((w) => w.id));
  const computed = new Map(
    missing.size === 0
      ? []
      : assessPortfolio(
          all,
          { goals: EQUAL_GOALS, catalog, region: catalog.defaultRegion(), now },
          missing,
        ).map((a) => [a.id, a.assessment]),
  );
  return {
    workloads: all.map((w) => ({ ...w, assessment: w.assessment ?? (computed.get(w.id) as Assessment) })),
    unassessed: missing.size,
  };
}

export const toPlannable = (w: Workload & { assessment: Assessment }): PlannableWorkload => ({
  id: w.id,
  name: w.name,
  dependencies: w.dependencies,
  strategy: w.assessment.recommendation.strategy,
  readiness: w.assessment.readiness.total,
  criticality: w.criticality,
});
