import { type Result } from '../../shared/result';
import { type Agent } from '../agent.entity';
import { type Plan } from '../plan';

/** What a planner may choose from: the specialists and the actions this process can perform. */
export interface PlanningContext {
  readonly agents: readonly Agent[];
  readonly actions: readonly { readonly name: string; readonly description: string; readonly risk: string }[];
  readonly projectId: string | null;
}

/**
 * Turns a goal into a plan. With no AI provider configured the deterministic planner (fixed rules
 * for the known goals) is bound here; an LLM planner can take its place behind this port. Either
 * way the plan is validated by `validatePlan` before anything runs, so a planner is never trusted.
 */
export abstract class Planner {
  /** Recorded with every plan, e.g. `deterministic` or `llm:<model>`. */
  abstract readonly name: string;

  abstract plan(
    goal: string,
    params: Readonly<Record<string, unknown>>,
    context: PlanningContext,
  ): Promise<Result<Plan>>;
}
