import { type Result, ok } from '../../shared/result';
import { metadataCategory, modelCategory, promptCategory, toolsCategory } from './diff-categories';
import { type DiffProfile, type DiffRedaction, type DiffRun, type DiffStep } from './diff-input';
import { DIFF_CATEGORIES, type RunDiff, type RunIdentity, type StepDiff, type StepRef } from './diff-output';
import { DEFAULT_DIFF_PROFILE, compileDiffProfile } from './diff-profile';
import { alignSteps, orderSteps } from './step-alignment';
import { diffValues } from './value-diff';

/**
 * Compares two runs step by step. Steps are ordered by (started_at, id), aligned by signature
 * (kind, name, and model or tool) with a shortest edit script, and aligned pairs are compared field
 * by field after the profile has removed the noise. The profile is always laid over the default
 * one. The result is a pure function of its inputs: the same runs and profile give byte-identical
 * JSON whatever the storage order of steps or the key order of payloads. Fails only on an invalid profile.
 */
export function diffRuns(
  runA: DiffRun,
  runB: DiffRun,
  profile: DiffProfile = DEFAULT_DIFF_PROFILE,
): Result<RunDiff> {
  const compiled = compileDiffProfile(profile);
  if (!compiled.ok) return compiled;
  const rules = compiled.value;
  const stepsA = orderSteps(runA.steps);
  const stepsB = orderSteps(runB.steps);

  const steps: StepDiff[] = [];
  const counts = { same: 0, changed: 0, inserted: 0, deleted: 0 };
  for (const pairing of alignSteps(stepsA, stepsB)) {
    if (pairing.op === 'deleted') {
      steps.push({ op: 'deleted', a: stepRef(stepsA, pairing.a) });
      counts.deleted++;
    } else if (pairing.op === 'inserted') {
      steps.push({ op: 'inserted', b: stepRef(stepsB, pairing.b) });
      counts.inserted++;
    } else {
      const a = stepsA[pairing.a] as DiffStep;
      const b = stepsB[pairing.b] as DiffStep;
      const marks = { a: a.redactions ?? NO_MARKS, b: b.redactions ?? NO_MARKS };
      const changes = diffValues(stepDocument(a), stepDocument(b), rules, marks);
      const refs = { a: stepRef(stepsA, pairing.a), b: stepRef(stepsB, pairing.b) };
      if (changes.length === 0) {
        steps.push({ op: 'same', ...refs });
        counts.same++;
      } else {
        steps.push({ op: 'changed', ...refs, changes });
        counts.changed++;
      }
    }
  }

  const categories = {
    prompt: promptCategory(steps),
    tools: toolsCategory(steps),
    model: modelCategory(steps),
    metadata: metadataCategory(runA, runB, rules),
  };
  const changedCategories = DIFF_CATEGORIES.filter((name) => categories[name].changed);
  return ok({
    run_a: identity(runA),
    run_b: identity(runB),
    profile: {
      name: rules.profile.name,
      ignore_paths: [...rules.profile.ignore_paths],
      ignore_keys: [...rules.profile.ignore_keys],
    },
    summary: {
      steps_a: stepsA.length,
      steps_b: stepsB.length,
      ...counts,
      changed_categories: changedCategories,
      identical: counts.same === steps.length && changedCategories.length === 0,
    },
    categories,
    steps,
  });
}

/** Views that predate redaction carry no marks. */
const NO_MARKS: readonly DiffRedaction[] = [];

function identity(run: DiffRun): RunIdentity {
  return { id: run.id, name: run.name, status: run.status, step_count: run.steps.length };
}

function stepRef(steps: readonly DiffStep[], index: number): StepRef {
  const step = steps[index] as DiffStep;
  return { index, id: step.id, kind: step.kind, name: step.name, model: step.model, tool: step.tool };
}

/**
 * The fields a diff looks at, named one by one: views may carry more (run ids, tenant ids) that
 * differ between any two runs and are not the step's content. Redaction marks are not content
 * either; they only decide about placeholders.
 */
function stepDocument(step: DiffStep): Record<string, unknown> {
  return {
    id: step.id,
    kind: step.kind,
    name: step.name,
    parent_id: step.parent_id,
    started_at: step.started_at,
    ended_at: step.ended_at,
    duration_ms: step.duration_ms,
    model: step.model,
    model_params: step.model_params,
    tool: step.tool,
    input: step.input,
    output: step.output,
    usage: step.usage,
    cost_usd: step.cost_usd,
    error: step.error,
    metadata: step.metadata ?? {},
  };
}
