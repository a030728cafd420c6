import { type StepKind } from '../step-kind';

/** One changed leaf value, after normalisation. Absent sides are left out (JSON has no `undefined`). */
export type ValueChange =
  | { readonly path: string; readonly change: 'changed'; readonly a: unknown; readonly b: unknown }
  | { readonly path: string; readonly change: 'added'; readonly b: unknown }
  | { readonly path: string; readonly change: 'removed'; readonly a: unknown }
  /** The placeholder reads the same on both sides but the hidden values' hashes differ. */
  | { readonly path: string; readonly change: 'changed (redacted)'; readonly type: string };

export interface RunIdentity {
  readonly id: string;
  readonly name: string | null;
  readonly status: string;
  readonly step_count: number;
}

/** Points at a step without copying its payload; `index` is its position in the run ordered by (started_at, id). */
export interface StepRef {
  readonly index: number;
  readonly id: string;
  readonly kind: StepKind;
  readonly name: string | null;
  readonly model: string | null;
  readonly tool: string | null;
}

export type StepOp = 'same' | 'changed' | 'inserted' | 'deleted';

export interface StepDiff {
  readonly op: StepOp;
  readonly a?: StepRef;
  readonly b?: StepRef;
  /** Present on `changed` only. */
  readonly changes?: readonly ValueChange[];
}

export interface StepCategory {
  readonly changed: boolean;
  /** The steps this category concerns, each with only the changes that belong to the category. */
  readonly changes: readonly StepDiff[];
}

export interface MetadataCategory {
  readonly changed: boolean;
  /** Tags as `{ path: 'tags', change: 'added' | 'removed' }`, then run metadata keys. */
  readonly changes: readonly ValueChange[];
}

export const DIFF_CATEGORIES = ['prompt', 'tools', 'model', 'metadata'] as const;
export type DiffCategory = (typeof DIFF_CATEGORIES)[number];

export interface DiffSummary {
  readonly steps_a: number;
  readonly steps_b: number;
  readonly same: number;
  readonly changed: number;
  readonly inserted: number;
  readonly deleted: number;
  /** In the fixed order of DIFF_CATEGORIES. */
  readonly changed_categories: readonly DiffCategory[];
  /** No step differs and no category changed. */
  readonly identical: boolean;
}

export interface RunDiff {
  readonly run_a: RunIdentity;
  readonly run_b: RunIdentity;
  /** The effective profile: the default merged with the one asked for. */
  readonly profile: {
    readonly name: string;
    readonly ignore_paths: readonly string[];
    readonly ignore_keys: readonly string[];
  };
  readonly summary: DiffSummary;
  readonly categories: {
    readonly prompt: StepCategory;
    readonly tools: StepCategory;
    readonly model: StepCategory;
    readonly metadata: MetadataCategory;
  };
  readonly steps: readonly StepDiff[];
}
