import { type DiffRunInfo } from './diff-input';
import { type MetadataCategory, type StepCategory, type StepDiff, type ValueChange } from './diff-output';
import { segmentMatches } from './diff-path';
import { type IgnoreRules, diffValues } from './value-diff';

/** The step field a change path starts at: `input` for `input.messages[0].content`. */
export function rootOf(path: string): string {
  const end = path.search(/[.[]/);
  return end === -1 ? path : path.slice(0, end);
}

const kindOf = (step: StepDiff) => (step.a ?? step.b)!.kind;

/**
 * A view of the step diff for one category: the steps it concerns, each keeping only the changes
 * whose root field `belongs`. Whole-step categories take inserted and deleted steps of their kinds.
 */
function stepCategory(
  steps: readonly StepDiff[],
  select: (step: StepDiff) => { whole: boolean } | ((root: string) => boolean) | null,
): StepCategory {
  const changes: StepDiff[] = [];
  for (const step of steps) {
    if (step.op === 'same') continue;
    const rule = select(step);
    if (rule === null) continue;
    if (typeof rule !== 'function') {
      if (rule.whole) changes.push(step);
      continue;
    }
    const kept = (step.changes ?? []).filter((change) => rule(rootOf(change.path)));
    if (kept.length > 0) changes.push({ op: step.op, a: step.a, b: step.b, changes: kept });
  }
  return { changed: changes.length > 0, changes };
}

/** Prompt steps whole, and what model steps were sent (their input: messages, system prompt). */
export function promptCategory(steps: readonly StepDiff[]): StepCategory {
  return stepCategory(steps, (step) => {
    const kind = kindOf(step);
    if (kind === 'prompt') return { whole: true };
    if (kind === 'model' && step.op === 'changed') return (root) => root === 'input';
    return null;
  });
}

/** Tool steps whole: calls added or removed (by tool name in the step refs), arguments and results changed. */
export function toolsCategory(steps: readonly StepDiff[]): StepCategory {
  return stepCategory(steps, (step) => (kindOf(step) === 'tool' ? { whole: true } : null));
}

/** Model calls added or removed, and the model name and parameters of model steps that changed. */
export function modelCategory(steps: readonly StepDiff[]): StepCategory {
  return stepCategory(steps, (step) => {
    if (kindOf(step) !== 'model') return null;
    if (step.op !== 'changed') return { whole: true };
    return (root) => root === 'model' || root === 'model_params';
  });
}

/** Tags added and removed (as sets, sorted), then run metadata changes under the profile. */
export function metadataCategory(runA: DiffRunInfo, runB: DiffRunInfo, rules: IgnoreRules): MetadataCategory {
  const changes: ValueChange[] = [];
  if (!ignoredAtRoot('tags', rules)) {
    const tagsA = new Set(runA.tags ?? []);
    const tagsB = new Set(runB.tags ?? []);
    for (const tag of [...tagsA].filter((t) => !tagsB.has(t)).sort())
      changes.push({ path: 'tags', change: 'removed', a: tag });
    for (const tag of [...tagsB].filter((t) => !tagsA.has(t)).sort())
      changes.push({ path: 'tags', change: 'added', b: tag });
  }
  changes.push(...diffValues({ metadata: runA.metadata ?? {} }, { metadata: runB.metadata ?? {} }, rules));
  return { changed: changes.length > 0, changes };
}

function ignoredAtRoot(key: string, rules: IgnoreRules): boolean {
  return (
    rules.ignoreKeys.has(key) ||
    rules.ignorePaths.some((pattern) => pattern.length === 1 && segmentMatches(pattern[0]!, key))
  );
}
