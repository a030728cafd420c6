import { z } from 'zod';
import { type RunRepository } from '../../domain/runs/ports/run-repository.port';
import { type StepRepository, type StoredStep } from '../../domain/runs/ports/step-repository.port';
import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { decodeCursor, encodeCursor } from '../shared/cursor';
import { findVisibleRun } from './run-access';
import { type StepView, toStepView } from './step.view';

/** A tree is built in memory; past this many steps the flat, paginated view is the way. */
export const MAX_TREE_STEPS = 10_000;

export const ListRunStepsInput = z.strictObject({
  view: z
    .enum(['flat', 'tree'])
    .default('flat')
    .describe('flat: a page of steps in time order; tree: nested by parent_id'),
  limit: z.coerce.number().int().min(1).max(1000).default(200).describe('Page size of the flat view'),
  cursor: z.string().max(500).optional(),
});
export type ListRunStepsInput = z.infer<typeof ListRunStepsInput>;

export type StepNode = StepView & { children: StepNode[] };

export type RunSteps =
  | { readonly view: 'flat'; readonly items: readonly StepView[]; readonly nextCursor: string | null }
  | { readonly view: 'tree'; readonly items: readonly StepNode[]; readonly nextCursor: null };

/** The timeline of a run: flat in (started_at, ingest order), or as the tree of parent links. */
export class ListRunStepsUseCase {
  constructor(
    private readonly runs: RunRepository,
    private readonly steps: StepRepository,
  ) {}

  async execute(actor: Actor, runId: string, input: ListRunStepsInput): Promise<Result<RunSteps>> {
    const viewer = authorizeTenant(actor, 'viewer');
    if (!viewer.ok) return viewer;
    const run = await findVisibleRun(this.runs, viewer.value, runId);
    if (!run.ok) return run;
    const tenantId = viewer.value.tenantId;

    if (input.view === 'tree') {
      const all = await this.steps.all(tenantId, runId, MAX_TREE_STEPS + 1);
      if (all.length > MAX_TREE_STEPS) {
        return err(
          new DomainError(
            'unprocessable',
            `this run has more than ${MAX_TREE_STEPS} steps: use view=flat`,
            'too_many_steps',
          ),
        );
      }
      return ok({ view: 'tree', items: treeOf(all), nextCursor: null });
    }

    let after = null;
    if (input.cursor) {
      const values = decodeCursor(input.cursor, 2);
      const at = values ? new Date(String(values[0])) : null;
      if (!values || !at || Number.isNaN(at.getTime()) || typeof values[1] !== 'number') {
        return err(
          DomainError.validation('cursor is not valid', [
            { path: 'cursor', message: 'not a cursor from this API' },
          ]),
        );
      }
      after = { at, seq: values[1] };
    }
    const rows = await this.steps.page(tenantId, runId, { after, limit: input.limit + 1 });
    const items = rows.slice(0, input.limit);
    const last = items[items.length - 1];
    return ok({
      view: 'flat',
      items: items.map(toStepView),
      nextCursor:
        rows.length > input.limit && last ? encodeCursor([last.startedAt.toISOString(), last.seq]) : null,
    });
  }
}

/**
 * Children under their parents in time order. Steps whose parent is unknown, and steps whose parent
 * links form a cycle (agents send what they send), become roots, so no step is ever hidden.
 */
function treeOf(steps: readonly StoredStep[]): StepNode[] {
  const nodes = new Map<string, StepNode>(steps.map((s) => [s.id, { ...toStepView(s), children: [] }]));
  const parentOf = new Map(steps.map((s) => [s.id, s.parentId]));
  const inCycle = (child: string, parent: string): boolean => {
    let current: string | null | undefined = parent;
    for (let hops = 0; current && hops <= steps.length; hops++) {
      if (current === child) return true;
      current = parentOf.get(current);
    }
    return false;
  };
  const roots: StepNode[] = [];
  for (const step of steps) {
    const node = nodes.get(step.id) as StepNode;
    const parent = step.parentId ? nodes.get(step.parentId) : undefined;
    if (parent && !inCycle(step.id, step.parentId as string)) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
