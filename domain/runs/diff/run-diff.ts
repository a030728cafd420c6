import { type Result, ok } from '../../shared/result';
import { metadataCategory, modelCategory, promptCategory, toolsCategory } from './diff-categories';
import {
  type DiffProfile,
  type DiffRedaction,
  type DiffRun,
  type DiffRunInfo,
  type DiffStep,
  type OutlinedStep,
  type StepOutline,
} from './diff-input';
import {
  DIFF_CATEGORIES,
  type RunDiff,
  type RunIdentity,
  type StepDiff,
  type StepRef,
  type ValueChange,
} from './diff-output';
import { type CompiledDiffProfile, DEFAULT_DIFF_PROFILE, compileDiffProfile } from './diff-profile';
import { type StepPairing, alignSteps, orderSteps } from './step-alignment';
import { sameDigest } from './step-digest';
import { type RecordField, diffRecords, recordFields } from './value-diff';

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
  return diffAligned(runA, runB, alignRuns(runA.steps, runB.steps), profile);
}

/** Two runs' steps in diff order, and how they line up. */
export interface AlignedRuns<S extends StepOutline = DiffStep | OutlinedStep> {
  readonly stepsA: readonly S[];
  readonly stepsB: readonly S[];
  readonly pairings: readonly StepPairing[];
}

/**
 * The first half of a diff, which needs no payloads: the steps of both runs ordered and aligned.
 * A caller holding only outlines (`OutlinedStep`) loads the steps `stepsToCompare` names, puts them
 * in with `withContent`, and finishes with `diffAligned`; the result is the one `diffRuns` gives.
 */
export function alignRuns<S extends StepOutline>(stepsA: readonly S[], stepsB: readonly S[]): AlignedRuns<S> {
  const orderedA = orderSteps(stepsA);
  const orderedB = orderSteps(stepsB);
  return { stepsA: orderedA, stepsB: orderedB, pairings: alignSteps(orderedA, orderedB) };
}

/** The ids of the steps whose content must be compared: both sides of every pair that digests do not prove the same. */
export function stepsToCompare(aligned: AlignedRuns<DiffStep | OutlinedStep>): {
  readonly a: ReadonlySet<string>;
  readonly b: ReadonlySet<string>;
} {
  const a = new Set<string>();
  const b = new Set<string>();
  for (const pairing of aligned.pairings) {
    if (pairing.op === 'deleted' || pairing.op === 'inserted') continue;
    const stepA = aligned.stepsA[pairing.a]!;
    const stepB = aligned.stepsB[pairing.b]!;
    if (sameDigest(stepA.digest, stepB.digest)) continue;
    a.add(stepA.id);
    b.add(stepB.id);
  }
  return { a, b };
}

/** The aligned runs with loaded steps in place of their outlines (same ids, so the same places). */
export function withContent(
  aligned: AlignedRuns<DiffStep | OutlinedStep>,
  loadedA: ReadonlyMap<string, DiffStep>,
  loadedB: ReadonlyMap<string, DiffStep>,
): AlignedRuns<DiffStep | OutlinedStep> {
  const fill = (steps: readonly (DiffStep | OutlinedStep)[], loaded: ReadonlyMap<string, DiffStep>) =>
    steps.map((step) => (isOutline(step) ? (loaded.get(step.id) ?? step) : step));
  return {
    stepsA: fill(aligned.stepsA, loadedA),
    stepsB: fill(aligned.stepsB, loadedB),
    pairings: aligned.pairings,
  };
}

/** The second half of a diff: aligned pairs compared (those with equal digests are the same unseen). */
export function diffAligned(
  runA: DiffRunInfo,
  runB: DiffRunInfo,
  aligned: AlignedRuns<DiffStep | OutlinedStep>,
  profile: DiffProfile = DEFAULT_DIFF_PROFILE,
): Result<RunDiff> {
  const compiled = compileDiffProfile(profile);
  if (!compiled.ok) return compiled;
  const rules = compiled.value;
  const { stepsA, stepsB } = aligned;
  const fields = recordFields(STEP_FIELDS, rules);

  const steps: StepDiff[] = [];
  const counts = { same: 0, changed: 0, inserted: 0, deleted: 0 };
  for (const pairing of aligned.pairings) {
    if (pairing.op === 'deleted') {
      steps.push({ op: 'deleted', a: stepRef(stepsA, pairing.a) });
      counts.deleted++;
    } else if (pairing.op === 'inserted') {
      steps.push({ op: 'inserted', b: stepRef(stepsB, pairing.b) });
      counts.inserted++;
    } else {
      const a = stepsA[pairing.a]!;
      const b = stepsB[pairing.b]!;
      const refs = { a: stepRef(stepsA, pairing.a), b: stepRef(stepsB, pairing.b) };
      const changes = sameDigest(a.digest, b.digest) ? NO_CHANGES : compareSteps(a, b, fields, rules);
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
    run_a: identity(runA, stepsA.length),
    run_b: identity(runB, stepsB.length),
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

const NO_CHANGES: readonly ValueChange[] = [];

const isOutline = (step: DiffStep | OutlinedStep): step is OutlinedStep => 'outline' in step;

function compareSteps(
  a: DiffStep | OutlinedStep,
  b: DiffStep | OutlinedStep,
  fields: readonly RecordField[],
  rules: CompiledDiffProfile,
): readonly ValueChange[] {
  // A caller that skipped stepsToCompare would get a wrong diff: fail loudly instead.
  if (isOutline(a) || isOutline(b))
    throw new Error(`the content of step ${isOutline(a) ? a.id : b.id} was needed but not loaded`);
  const marks = { a: a.redactions ?? NO_MARKS, b: b.redactions ?? NO_MARKS };
  return diffRecords(a, b, fields, stepField, stepDocument, rules, marks);
}

/** Views that predate redaction carry no marks. */
const NO_MARKS: readonly DiffRedaction[] = [];

function identity(run: DiffRunInfo, stepCount: number): RunIdentity {
  return { id: run.id, name: run.name, status: run.status, step_count: stepCount };
}

function stepRef(steps: readonly StepOutline[], index: number): StepRef {
  const step = steps[index]!;
  return { index, id: step.id, kind: step.kind, name: step.name, model: step.model, tool: step.tool };
}

/**
 * The fields a diff looks at, named one by one: views may carry more (run ids, tenant ids) that
 * differ between any two runs and are not the step's content. Redaction marks are not content
 * either; they only decide about placeholders.
 */
const STEP_FIELDS = [
  'id',
  'kind',
  'name',
  'parent_id',
  'started_at',
  'ended_at',
  'duration_ms',
  'model',
  'model_params',
  'tool',
  'input',
  'output',
  'usage',
  'cost_usd',
  'error',
  'metadata',
] as const satisfies readonly (keyof DiffStep)[];

type StepField = (typeof STEP_FIELDS)[number];

/** One field of the step as its document holds it: steps without metadata have empty metadata. */
function stepField(step: DiffStep, key: string): unknown {
  return key === 'metadata' ? (step.metadata ?? {}) : step[key as StepField];
}

function stepDocument(step: DiffStep): Record<string, unknown> {
  const document: Record<string, unknown> = {};
  for (const key of STEP_FIELDS) document[key] = stepField(step, key);
  return document;
}
